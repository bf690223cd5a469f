using DataHub.Hub.Store.SqlServer;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataHub.Tests.Store;

/// <summary>
/// No SQL Server runs here, so a misspelt table or column would only show on a real server: every statement (and every
/// case-list composition) is parsed with ScriptDom and each dbo table it names must be one the migrations create, and each
/// column it names must be a column of a table it uses, or a name the statement itself defines (a CTE, derived table or
/// OPENJSON column, a select alias).
/// </summary>
public sealed class SqlServerSchemaReferenceTests
{
    /// <summary>Tables another part of the store owns (created by its own migrations), read here only when they exist.</summary>
    private static readonly HashSet<string> ElsewhereOwned = new(StringComparer.OrdinalIgnoreCase) { "reconciliation_run" };

    [Fact]
    public void Every_table_and_column_a_statement_names_is_in_the_migrated_schema()
    {
        var schema = Schema();
        Assert.Contains("gap_case", schema.Keys);
        Assert.Contains("region", schema["gap_case"]);
        var statements = SqlServerStatements.Declared().Where(s => SqlServerStatements.LooksLikeSql().IsMatch(s.Value))
            .Concat(CaseListSqlTests.EveryFilterShape().SelectMany(f => new[]
            {
                KeyValuePair.Create($"page {f}", CaseListSql.Page(f, ["320100"])!.Value.Sql),
                KeyValuePair.Create($"counts {f}", CaseListSql.Counts(f, "320000", "330000").Sql),
            }));
        var failures = new List<string>();
        foreach (var (name, sql) in statements) failures.AddRange(Check(schema, sql).Select(problem => $"{name}: {problem}"));
        Assert.True(failures.Count == 0, string.Join('\n', failures.Distinct().Take(30)));
    }

    [Fact]
    public void The_check_finds_a_misspelt_column_and_an_unknown_table()
    {
        var schema = Schema();
        Assert.Contains("g.regoin", string.Join(' ', Check(schema, "SELECT g.regoin FROM dbo.gap_case AS g;")));
        Assert.Contains("dbo.gap_cases", string.Join(' ', Check(schema, "SELECT 1 FROM dbo.gap_cases;")));
        Assert.Contains("statsu", string.Join(' ', Check(schema, "UPDATE dbo.gap_case SET statsu = @s WHERE case_id = @id;")));
        Assert.Empty(Check(schema, "SELECT x.sort_value FROM (SELECT g.region AS sort_value FROM dbo.gap_case AS g) AS x;"));
    }

    /// <summary>Table → columns, from every CREATE TABLE and ALTER TABLE … ADD in the migrations and declared statements.</summary>
    private static Dictionary<string, HashSet<string>> Schema()
    {
        var schema = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var sql in SqlServerStatements.Declared().Values.Where(v => SqlServerStatements.LooksLikeSql().IsMatch(v)))
        {
            var visitor = new SchemaVisitor(schema);
            Parse(sql).Accept(visitor);
        }
        return schema;
    }

    private static IEnumerable<string> Check(IReadOnlyDictionary<string, HashSet<string>> schema, string sql)
    {
        var uses = new ReferenceVisitor();
        Parse(sql).Accept(uses);
        foreach (var table in uses.Tables.Values.SelectMany(t => t).Distinct(StringComparer.OrdinalIgnoreCase))
            if (!schema.ContainsKey(table) && !ElsewhereOwned.Contains(table)) yield return $"dbo.{table} is not created by any migration";
        var known = uses.Tables.Values.SelectMany(t => t).Where(schema.ContainsKey).SelectMany(t => schema[t]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var usesElsewhereOwned = uses.Tables.Values.SelectMany(t => t).Any(ElsewhereOwned.Contains);
        foreach (var parts in uses.Columns)
        {
            var column = parts[^1];
            if (parts.Count >= 2 && uses.Tables.TryGetValue(parts[^2], out var tables))
            {
                if (tables.Any(ElsewhereOwned.Contains)) continue;
                if (!tables.Any(t => schema.TryGetValue(t, out var columns) && columns.Contains(column)))
                    yield return $"{string.Join('.', parts)}: no column {column} in {string.Join(" or ", tables.Select(t => "dbo." + t))}";
            }
            else if (parts.Count == 1 && !known.Contains(column) && !uses.DefinedNames.Contains(column) && !usesElsewhereOwned)
                yield return $"{column}: no such column in the tables the statement uses";
        }
    }

    private static TSqlFragment Parse(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => e.Message)) + "\n" + sql);
        return fragment;
    }

    private sealed class SchemaVisitor(Dictionary<string, HashSet<string>> schema) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node) =>
            Columns(node.SchemaObjectName).UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));

        public override void Visit(AlterTableAddTableElementStatement node) =>
            Columns(node.SchemaObjectName).UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));

        private HashSet<string> Columns(SchemaObjectName name)
        {
            if (!schema.TryGetValue(name.BaseIdentifier.Value, out var columns))
                schema[name.BaseIdentifier.Value] = columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return columns;
        }
    }

    private sealed class ReferenceVisitor : TSqlFragmentVisitor
    {
        /// <summary>Alias or table name → the dbo tables it stands for.</summary>
        public Dictionary<string, HashSet<string>> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<IReadOnlyList<string>> Columns { get; } = [];
        /// <summary>Names the statement defines: CTE and derived-table columns, OPENJSON columns, select aliases.</summary>
        public HashSet<string> DefinedNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(NamedTableReference node)
        {
            if (!string.Equals(node.SchemaObject.SchemaIdentifier?.Value, "dbo", StringComparison.OrdinalIgnoreCase)) return;
            var table = node.SchemaObject.BaseIdentifier.Value;
            foreach (var name in new[] { table, node.Alias?.Value }.OfType<string>())
            {
                if (!Tables.TryGetValue(name, out var tables)) Tables[name] = tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                tables.Add(table);
            }
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.MultiPartIdentifier is { } identifier) Columns.Add(identifier.Identifiers.Select(i => i.Value).ToList());
        }

        public override void Visit(CommonTableExpression node) => DefinedNames.UnionWith(node.Columns.Select(c => c.Value));
        public override void Visit(ColumnDefinitionBase node) => DefinedNames.Add(node.ColumnIdentifier.Value);
        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias) DefinedNames.Add(alias);
        }
    }
}
