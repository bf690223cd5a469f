using System.Data;
using Microsoft.Data.SqlClient;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>Parameterised commands: every value goes in as a parameter, never into the text.</summary>
internal static class SqlServerCommand
{
    public static SqlCommand Create(SqlConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Create(connection, sql, null, parameters);

    public static SqlCommand Create(SqlConnection connection, string sql, SqlTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) Add(command, name, value);
        return command;
    }

    public static void Add(SqlCommand command, string name, object? value)
    {
        var parameter = command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        if (value is null) parameter.SqlDbType = SqlDbType.NVarChar;
        else if (value is string s) parameter.Size = s.Length <= 4000 ? 4000 : -1; // stable sizes keep one cached plan per statement
    }

    /// <summary>A table-valued parameter of a <see cref="SqlServerTableTypes"/> type, streamed when the command runs; give at least one row (SqlClient refuses an empty enumeration).</summary>
    public static void AddTable(SqlCommand command, string name, string typeName, IEnumerable<Microsoft.Data.SqlClient.Server.SqlDataRecord> rows)
    {
        var parameter = command.Parameters.Add(name, SqlDbType.Structured);
        parameter.TypeName = typeName;
        parameter.Value = rows;
    }
}
