using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataHub.Tests.Store;

/// <summary>
/// What a SQL Server would refuse at compile time and a parser does not: a table the migrations never create, a
/// column its table lacks, an alias the statement does not define. Columns are resolved by their alias (or, unqualified,
/// against every table the statement names); a table-valued parameter may have the columns of any of the store's table
/// types. Approximate where T-SQL scoping is subtle, but a misspelt name cannot pass.
/// </summary>
public static class TSqlNameCheck
{
    private static readonly string[] OpenJsonColumns = ["key", "value", "type"];

    /// <summary>The problems of one statement text (empty when every name resolves).</summary>
    public static IReadOnlyList<string> Problems(string sql, TSqlSchema schema)
    {
        var problems = new List<string>();
        foreach (var statement in ((TSqlScript)TSqlSchema.Parse(sql)).Batches.SelectMany(b => b.Statements))
        {
            var names = new Names();
            statement.Accept(names);
            problems.AddRange(names.Check(schema));
        }
        return problems;
    }

    private sealed class Names : TSqlFragmentVisitor
    {
        private readonly List<NamedTableReference> _tables = [];
        private readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase); // alias → table, "@" (parameter), "openjson"
        private readonly List<ColumnReferenceExpression> _columns = [];
        private readonly List<(string Table, IEnumerable<ColumnReferenceExpression> Columns)> _ddl = [];
        private readonly List<ForeignKeyConstraintDefinition> _foreignKeys = [];
        private TableReference? _target;

        public override void ExplicitVisit(NamedTableReference node)
        {
            _tables.Add(node);
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(VariableTableReference node)
        {
            if (node.Alias is { } alias) _aliases[alias.Value] = "@";
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(OpenJsonTableReference node)
        {
            if (node.Alias is { } alias) _aliases[alias.Value] = "openjson";
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(MergeSpecification node)
        {
            _target = node.Target;
            if (node.TableAlias is { } alias && node.Target is NamedTableReference t) _aliases[alias.Value] = TSqlSchema.NameOf(t.SchemaObject);
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(UpdateSpecification node) { _target = node.Target; base.ExplicitVisit(node); }
        public override void ExplicitVisit(InsertSpecification node) { _target = node.Target; base.ExplicitVisit(node); }
        public override void ExplicitVisit(DeleteSpecification node) { _target = node.Target; base.ExplicitVisit(node); }
        public override void ExplicitVisit(ColumnReferenceExpression node) { _columns.Add(node); base.ExplicitVisit(node); }

        public override void ExplicitVisit(CreateTableStatement node)
        {
            _ddl.Add((TSqlSchema.NameOf(node.SchemaObjectName), Descendants(node)));
            _foreignKeys.AddRange(node.Definition.TableConstraints.Concat(node.Definition.ColumnDefinitions.SelectMany(d => d.Constraints))
                .OfType<ForeignKeyConstraintDefinition>());
        }

        public override void ExplicitVisit(CreateTypeTableStatement node) => _ddl.Add((TSqlSchema.NameOf(node.Name), Descendants(node)));
        public override void ExplicitVisit(CreateIndexStatement node) => _ddl.Add((TSqlSchema.NameOf(node.OnName), Descendants(node)));
        public override void ExplicitVisit(AlterTableAddTableElementStatement node) { }

        public IEnumerable<string> Check(TSqlSchema schema)
        {
            foreach (var (table, columns) in _ddl)
            {
                var known = schema.ColumnsOf(table)?.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (known is null) { yield return $"{table}: not created by any migration"; continue; }
                foreach (var column in columns.Select(Last).Where(c => !known.Contains(c))) yield return $"{table}: no column {column}";
            }
            foreach (var fk in _foreignKeys)
            {
                var referenced = TSqlSchema.NameOf(fk.ReferenceTableName);
                var columns = schema.ColumnsOf(referenced)?.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (columns is null) yield return $"foreign key to {referenced}: no such table";
                else foreach (var c in fk.ReferencedTableColumns.Where(c => !columns.Contains(c.Value))) yield return $"foreign key to {referenced}: no column {c.Value}";
            }
            if (_ddl.Count > 0) yield break;

            foreach (var t in _tables.Where(t => schema.ColumnsOf(TSqlSchema.NameOf(t.SchemaObject)) is not null))
            {
                _aliases[t.Alias?.Value ?? t.SchemaObject.BaseIdentifier.Value] = TSqlSchema.NameOf(t.SchemaObject);
                _aliases.TryAdd(t.SchemaObject.BaseIdentifier.Value, TSqlSchema.NameOf(t.SchemaObject));
            }
            // A name that is no table must be an alias the statement defines (UPDATE a … FROM dbo.t AS a).
            foreach (var t in _tables.Where(t => schema.ColumnsOf(TSqlSchema.NameOf(t.SchemaObject)) is null))
                if (t.SchemaObject.SchemaIdentifier is not null || !_aliases.ContainsKey(t.SchemaObject.BaseIdentifier.Value))
                    yield return $"{TSqlSchema.NameOf(t.SchemaObject)}: not created by any migration";
            if (_target is NamedTableReference target)
            {
                var name = _aliases.GetValueOrDefault(target.SchemaObject.BaseIdentifier.Value) ?? TSqlSchema.NameOf(target.SchemaObject);
                _aliases["INSERTED"] = _aliases["DELETED"] = name;
            }
            var everything = _aliases.Values.Distinct().SelectMany(a => ColumnsOf(a, schema)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var c in _columns.Where(c => c.ColumnType == ColumnType.Regular && c.MultiPartIdentifier is not null))
            {
                var parts = c.MultiPartIdentifier.Identifiers;
                var column = parts[^1].Value;
                if (parts.Count == 1)
                {
                    if (everything.Count > 0 && !everything.Contains(column)) yield return $"no table of the statement has a column {column}";
                }
                else if (!_aliases.TryGetValue(parts[^2].Value, out var owner)) yield return $"{parts[^2].Value}.{column}: no table or alias {parts[^2].Value}";
                else if (!ColumnsOf(owner, schema).Contains(column, StringComparer.OrdinalIgnoreCase)) yield return $"{parts[^2].Value}.{column}: {owner} has no such column";
            }
        }

        private static IEnumerable<string> ColumnsOf(string owner, TSqlSchema schema) => owner switch
        {
            "@" => schema.TableTypes.Values.SelectMany(t => t).Select(c => c.Name),
            "openjson" => OpenJsonColumns,
            _ => schema.ColumnsOf(owner)?.Select(c => c.Name) ?? [],
        };

        private static string Last(ColumnReferenceExpression c) => c.MultiPartIdentifier.Identifiers[^1].Value;

        private static List<ColumnReferenceExpression> Descendants(TSqlFragment node)
        {
            var all = new ColumnCollector();
            foreach (var child in Children(node)) child.Accept(all);
            return all.Found;
        }

        /// <summary>The parts of a DDL statement that name its own columns (constraints, index keys, included columns, filter).</summary>
        private static IEnumerable<TSqlFragment> Children(TSqlFragment node) => node switch
        {
            CreateTableStatement t => t.Definition.TableConstraints.Cast<TSqlFragment>().Concat(t.Definition.ColumnDefinitions.SelectMany(d => d.Constraints)),
            CreateTypeTableStatement t => t.Definition.TableConstraints.Cast<TSqlFragment>().Concat(t.Definition.ColumnDefinitions.SelectMany(d => d.Constraints)),
            CreateIndexStatement i => i.Columns.Cast<TSqlFragment>().Concat(i.IncludeColumns).Concat(i.FilterPredicate is null ? [] : [i.FilterPredicate]),
            _ => [],
        };
    }

    private sealed class ColumnCollector : TSqlFragmentVisitor
    {
        public List<ColumnReferenceExpression> Found { get; } = [];
        public override void ExplicitVisit(ColumnReferenceExpression node) => Found.Add(node);
    }
}
