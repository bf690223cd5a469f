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
        foreach (var owner in new[] { nameof(FeedStateSql), nameof(RegistrySql), nameof(MaterialisedRegistrySql), nameof(ReconciliationRunSql), nameof(InvoiceLedgerSql) })
            Assert.Contains(statements, s => s.Key.StartsWith(owner + ".", StringComparison.Ordinal));
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
    public void Migrations_have_unique_names_and_ascending_positive_numbers()
    {
        // Numbers are blocks per area (1–9 feed state and registry, 10–19 registries, runs and ledger, 20–29 gap cases and the web app), so gaps are expected.
        var numbers = SqlServerMigrations.All.Select(m => m.Number).ToList();
        Assert.Equal(numbers.Order().Distinct(), numbers); // gaps allowed: blocks of numbers belong to parts of the store
        Assert.All(numbers, n => Assert.True(n > 0));
        Assert.Equal(numbers.Count, SqlServerMigrations.All.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void Shipped_migrations_are_never_edited()
    {
        // SHA-256 of each script as shipped (line endings normalised): a database that applied it never runs it again,
        // so a change must be a migration of its own.
        var shipped = new Dictionary<int, string>
        {
            [1] = "5e56899215ba2681af1268baa94024f135f35f7edd85f56e73b13f6d507a3d48",
            [2] = "f567d6921901c84290aedcf249575883985cf48587023c9a58221534a87238ef",
            [3] = "f4fdecd870c7701556d7be9896192f139b4eb79fa48cf86abf525a23e3a7878a",
        };
        foreach (var (number, hash) in shipped)
        {
            var script = SqlServerMigrations.All.Single(m => m.Number == number).Script.ReplaceLineEndings("\n");
            Assert.Equal((number, hash), (number, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)))));
        }
    }
}
