using DataHub.Hub.Store.SqlServer;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataHub.Tests.Store;

/// <summary>No SQL Server runs here: every T-SQL statement of the SQL Server store is at least parsed as SQL Server 2022 T-SQL.</summary>
public sealed class SqlServerStatementTests
{
    [Fact]
    public void Every_declared_statement_and_migration_parses_as_TSql160()
    {
        var statements = SqlServerStatements.Declared().Where(s => SqlServerStatements.LooksLikeSql().IsMatch(s.Value)).ToList();
        Assert.True(statements.Count >= 20, $"found only {statements.Count} statements; the enumeration is broken");
        var failures = new List<string>();
        foreach (var (name, sql) in statements)
        {
            new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
            failures.AddRange(errors.Select(e => $"{name}: line {e.Line}, column {e.Column}: {e.Message}"));
            if (sql.Split('\n').Any(line => line.Trim().Equals("GO", StringComparison.OrdinalIgnoreCase)))
                failures.Add($"{name}: GO is a tool's batch separator, not T-SQL; SqlClient cannot run it");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void Every_statement_the_store_code_runs_is_a_declared_constant()
    {
        var declared = SqlServerStatements.Declared().Values.Concat(SqlServerStatements.Fragments().Values).ToHashSet();
        var literals = SqlServerStatements.LoadedLiterals();
        Assert.Contains(literals, l => l.Literal == FeedStateSql.AddDeadLetter); // the IL scan sees inlined constants
        var inline = literals.Where(l => SqlServerStatements.LooksLikeSql().IsMatch(l.Literal) && !declared.Contains(l.Literal))
            .Select(l => $"{l.Method}: {l.Literal}").ToList();
        Assert.True(inline.Count == 0, "T-SQL outside the statement classes:\n" + string.Join('\n', inline));
    }

    [Fact]
    public void Statements_take_values_as_parameters_not_as_text()
    {
        // No string concatenation markers or quoted literals other than the fixed N'…' ones the statements own.
        foreach (var (name, sql) in SqlServerStatements.Declared().Concat(SqlServerStatements.Fragments()))
        {
            Assert.DoesNotContain("{", sql);
            Assert.DoesNotContain("+ @", sql);
            Assert.False(sql.Contains("EXEC(", StringComparison.OrdinalIgnoreCase) || sql.Contains("sp_executesql", StringComparison.OrdinalIgnoreCase), $"{name} runs dynamic SQL");
        }
    }

    [Fact]
    public void Migrations_are_numbered_in_increasing_order_with_unique_names()
    {
        // Numbers are blocks per area (1–9 feed state and registry, 10–19 registries, runs and ledger, 20–29 gap cases and the web app), so gaps are expected.
        var numbers = SqlServerMigrations.All.Select(m => m.Number).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.True(numbers[0] == 1 && numbers.All(n => n > 0), "migrations start at 1");
        Assert.Equal(numbers.Count, SqlServerMigrations.All.Select(m => m.Name).Distinct().Count());
    }
}
