using System.Data;
using System.Security.Cryptography;
using System.Text;
using DataHub.Hub.Registry;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// <see cref="ISchemaRegistryStore"/> in SQL Server (statements in <see cref="RegistrySql"/>). Canonical forms are
/// unique by their SHA-256, since SQL Server cannot index nvarchar(max).
/// </summary>
public sealed class SqlServerSchemaRegistryStore(SqlServerDatabase db) : ISchemaRegistryStore
{
    private const string GlobalConfigKey = "";

    public int GetOrAddSchema(string canonical, string text)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        using var cmd = Create(c, RegistrySql.GetOrAddSchema, tx,
            ("@hash", SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), ("@canonical", canonical), ("@text", text));
        var id = Convert.ToInt32(cmd.ExecuteScalar());
        tx.Commit();
        return id;
    }

    public string? GetSchemaText(int id)
    {
        using var c = db.Open();
        using var cmd = Create(c, RegistrySql.GetSchemaText, ("@id", id));
        return cmd.ExecuteScalar() as string;
    }

    public IReadOnlyList<SubjectVersion> GetVersions(string subject, bool includeDeleted) =>
        QueryVersions(RegistrySql.GetVersions, ("@subject", subject), ("@includeDeleted", includeDeleted));

    public IReadOnlyList<SubjectVersion> GetVersionsOfSchema(int schemaId, bool includeDeleted) =>
        QueryVersions(RegistrySql.GetVersionsOfSchema, ("@id", schemaId), ("@includeDeleted", includeDeleted));

    public IReadOnlyList<string> GetSubjects(bool includeDeleted) =>
        Query(RegistrySql.GetSubjects, r => r.GetString(0), ("@includeDeleted", includeDeleted));

    public SubjectVersion AddVersion(string subject, int schemaId)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        using var cmd = Create(c, RegistrySql.AddVersion, tx, ("@subject", subject), ("@id", schemaId));
        var next = Convert.ToInt32(cmd.ExecuteScalar());
        tx.Commit();
        return new SubjectVersion(subject, next, schemaId, Deleted: false);
    }

    public IReadOnlyList<int> DeleteSubject(string subject, bool permanent) =>
        Query(permanent ? RegistrySql.PurgeSubject : RegistrySql.SoftDeleteSubject, r => r.GetInt32(0), ("@subject", subject))
            .Order().ToList();

    public string? GetCompatibility(string? subject)
    {
        using var c = db.Open();
        using var cmd = Create(c, RegistrySql.GetCompatibility, ("@subject", subject ?? GlobalConfigKey));
        return cmd.ExecuteScalar() as string;
    }

    public void SetCompatibility(string? subject, string? level)
    {
        using var c = db.Open();
        using var cmd = level is null
            ? Create(c, RegistrySql.ClearCompatibility, ("@subject", subject ?? GlobalConfigKey))
            : Create(c, RegistrySql.SetCompatibility, ("@subject", subject ?? GlobalConfigKey), ("@level", level));
        cmd.ExecuteNonQuery();
    }

    private List<SubjectVersion> QueryVersions(string sql, params (string Name, object? Value)[] parameters) =>
        Query(sql, r => new SubjectVersion(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetBoolean(3)), parameters);

    private List<T> Query<T>(string sql, Func<SqlDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var c = db.Open();
        using var cmd = Create(c, sql, parameters);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(read(r));
        return list;
    }
}
