using DataHub.Hub.Store.SqlServer;
using DataHub.Hub.Web;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataHub.Tests.Store;

/// <summary>
/// The SQL Server case list composes its page and count statements from fixed pieces: every composition the filters can
/// produce (sort key × direction × cursor × rule × status × key group × from × to) parses as T-SQL and binds exactly the
/// parameters it names.
/// </summary>
public sealed class CaseListSqlTests
{
    private static readonly string[] Regions = ["320100", "320200"];

    public static IEnumerable<CaseFilter> EveryFilterShape()
    {
        foreach (var sort in CaseFilter.SortColumns.Keys)
        foreach (var descending in new[] { false, true })
        foreach (var after in new[] { null, sort is "opened" or "updated" ? "2026-03-01T08:00:00.0000000+00:00,GC-8" : "m,GC-8" })
        foreach (var rule in new[] { null, "deceased-enrolled" })
        foreach (var status in new[] { null, CaseFilter.ActiveStatus, "in-progress" })
        foreach (var keyGroup in new[] { null, "certificate" })
        foreach (var from in new DateOnly?[] { null, new DateOnly(2026, 1, 1) })
        foreach (var to in new DateOnly?[] { null, new DateOnly(2026, 12, 31) })
            yield return new CaseFilter(rule, status, null, keyGroup, from, to, sort, descending, after, 50);
    }

    [Fact]
    public void Every_page_and_count_composition_parses_and_names_only_its_bound_parameters()
    {
        var failures = new List<string>();
        var pages = 0;
        var counts = new HashSet<string>();
        foreach (var filter in EveryFilterShape())
        {
            var page = CaseListSql.Page(filter, Regions) ?? throw new InvalidOperationException($"no page for {filter}");
            Check($"page {filter}", page.Sql, page.Parameters, failures);
            pages++;
            var (countSql, countParameters) = CaseListSql.Counts(filter, "320000", "330000");
            if (counts.Add(countSql)) Check($"counts {filter}", countSql, countParameters, failures);
        }
        Assert.Equal(6 * 2 * 2 * 2 * 3 * 2 * 2 * 2, pages);
        Assert.Equal(2 * 3 * 2 * 2 * 2, counts.Count);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void A_client_value_is_only_ever_a_parameter()
    {
        const string hostile = "x'); DROP TABLE dbo.gap_case; --";
        var filter = new CaseFilter(hostile, hostile, null, hostile, null, null, "rule", false, hostile + "," + hostile, 50);
        var page = CaseListSql.Page(filter, [hostile])!.Value;
        Assert.DoesNotContain("DROP", page.Sql);
        Assert.Contains(page.Parameters, p => p.Name == "@rule" && (string?)p.Value == hostile);
        Assert.Contains(page.Parameters, p => p.Name == "@afterValue" && (string?)p.Value == hostile);
    }

    [Fact]
    public void A_time_cursor_that_is_not_a_time_gives_no_page_and_a_cursor_without_a_comma_is_ignored()
    {
        Assert.Null(CaseListSql.Page(new CaseFilter(null, null, null, null, null, null, "opened", false, "not-a-time,GC-1", 50), Regions));
        var first = CaseListSql.Page(new CaseFilter(null, null, null, null, null, null, "opened", false, "GC-1", 50), Regions)!.Value;
        Assert.DoesNotContain(first.Parameters, p => p.Name == "@afterId");
    }

    private static void Check(string name, string sql, IEnumerable<(string Name, object? Value)> parameters, List<string> failures)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        failures.AddRange(errors.Select(e => $"{name}: line {e.Line}, column {e.Column}: {e.Message}\n{sql}"));
        var named = System.Text.RegularExpressions.Regex.Matches(sql, @"@\w+").Select(m => m.Value).ToHashSet();
        var bound = parameters.Select(p => p.Name).ToHashSet();
        if (!named.SetEquals(bound)) failures.Add($"{name}: names {string.Join(' ', named.Order())} but binds {string.Join(' ', bound.Order())}");
    }
}
