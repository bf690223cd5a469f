using DataHub.Hub.Store.SqlServer;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataHub.Tests.Store;

/// <summary>One column as a CREATE TABLE or CREATE TYPE script declares it: name, type, length (-1: max; 0: none) and nullability.</summary>
public sealed record TSqlColumn(string Name, SqlDataTypeOption Type, int Length, bool Nullable);

/// <summary>
/// The SQL Server store's schema as its migrations build it, read with Microsoft's T-SQL parser: tables (CREATE TABLE,
/// ALTER TABLE … ADD) and table types (CREATE TYPE … AS TABLE), each with its columns in order. No server needed.
/// </summary>
public sealed class TSqlSchema
{
    public Dictionary<string, List<TSqlColumn>> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, List<TSqlColumn>> TableTypes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every table and type the migrations (and the migration history's own script) create.</summary>
    public static TSqlSchema OfMigrations()
    {
        var schema = new TSqlSchema();
        foreach (var script in SqlServerMigrations.All.Select(m => m.Script).Prepend(SqlServerMigrations.EnsureHistoryTable))
            Parse(script).Accept(new Builder(schema));
        return schema;
    }

    public static TSqlFragment Parse(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        if (errors.Count > 0) throw new InvalidDataException(string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        return fragment;
    }

    /// <summary>"dbo.name" of a schema object (dbo when the script names no schema).</summary>
    public static string NameOf(SchemaObjectName name) => $"{name.SchemaIdentifier?.Value ?? "dbo"}.{name.BaseIdentifier.Value}";

    public IReadOnlyList<TSqlColumn>? ColumnsOf(string table) => Tables.GetValueOrDefault(table) ?? TableTypes.GetValueOrDefault(table);

    private static TSqlColumn Column(ColumnDefinition c)
    {
        var type = (SqlDataTypeReference)c.DataType;
        var length = type.Parameters.Count == 0 ? 0 : type.Parameters[0] is MaxLiteral ? -1 : int.Parse(type.Parameters[0].Value);
        var nullable = !c.Constraints.OfType<NullableConstraintDefinition>().Any(n => !n.Nullable)
            && c.IdentityOptions is null && !c.Constraints.OfType<UniqueConstraintDefinition>().Any(u => u.IsPrimaryKey);
        return new TSqlColumn(c.ColumnIdentifier.Value, type.SqlDataTypeOption, length, nullable);
    }

    private sealed class Builder(TSqlSchema schema) : TSqlFragmentVisitor
    {
        public override void ExplicitVisit(CreateTableStatement node) =>
            schema.Tables[NameOf(node.SchemaObjectName)] = [.. node.Definition.ColumnDefinitions.Select(Column)];

        public override void ExplicitVisit(CreateTypeTableStatement node) =>
            schema.TableTypes[NameOf(node.Name)] = [.. node.Definition.ColumnDefinitions.Select(Column)];

        public override void ExplicitVisit(AlterTableAddTableElementStatement node) =>
            schema.Tables[NameOf(node.SchemaObjectName)].AddRange(node.Definition.ColumnDefinitions.Select(Column));
    }
}
