using DataHub.Hub.Web;
using DataHub.Reconciliation.Engine;
using Xunit.Abstractions;

namespace DataHub.Tests.Web;

/// <summary>
/// What SQLite does for a page (EXPLAIN QUERY PLAN): for every sort key and filter, each case region in scope is an index
/// seek on the sort key's region-led covering index, in sort order (no sort of a region's cases), and only the page's
/// rows are read from the table.
/// </summary>
public sealed class CaseQueryPlanTests(OfficerWebHost host, ITestOutputHelper output) : IClassFixture<OfficerWebHost>
{
    private static readonly Dictionary<string, string> SortIndexes = new()
    {
        ["opened"] = "gap_case_scope_opened", ["updated"] = "gap_case_scope_updated", ["rule"] = "gap_case_scope_rule",
        ["status"] = "gap_case_scope_status", ["region"] = "gap_case_scope_id", ["id"] = "gap_case_scope_id",
    };

    private CaseQueries SqliteQueries => Assert.IsType<CaseQueries>(host.Data.Queries);

    public static TheoryData<string, string?, string?, string?, bool, bool> Pages()
    {
        var data = new TheoryData<string, string?, string?, string?, bool, bool>();
        foreach (var sort in CaseFilter.SortColumns.Keys)
        {
            data.Add(sort, null, null, null, false, false);
            data.Add(sort, RuleIds.Deceased, "active", null, true, true);
            data.Add(sort, null, "in-progress", "certificate", false, true);
            data.Add(sort, RuleIds.Duplicate, "new", "id", true, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_page_seeks_a_region_led_covering_index_in_sort_order(string sort, string? rule, string? status, string? keyGroup, bool dated, bool deep)
    {
        var after = deep ? (sort is "opened" or "updated" ? "2026-03-01T00:00:00.0000000+00:00" : "m") + ",GC-8" : null;
        var filter = new CaseFilter(rule, status, null, keyGroup, dated ? new DateOnly(2026, 1, 1) : null, dated ? new DateOnly(2026, 12, 31) : null,
            sort, deep, after, 50);
        var index = SortIndexes[sort];

        var officer = SqliteQueries.PagePlan(new RegionScope("320100"), filter); // one case region: one seek
        output.WriteLine(string.Join('\n', officer));
        var seek = Assert.Single(officer, l => l.Contains("SEARCH g USING COVERING INDEX"));
        Assert.Contains($"USING COVERING INDEX {index} (region=?", seek);
        Assert.DoesNotContain(officer, l => l.Contains("TEMP B-TREE") || l.TrimStart().StartsWith("SCAN g"));
        Assert.Contains(officer, l => l.Contains("SEARCH g USING INTEGER PRIMARY KEY (rowid=?)")); // the page's rows, by rowid

        var province = SqliteQueries.PagePlan(new RegionScope("320000"), filter); // two case regions: a seek each, merged
        output.WriteLine(string.Join('\n', province));
        var seeks = province.Where(l => l.Contains("SEARCH g USING COVERING INDEX")).ToList();
        Assert.Equal(2, seeks.Count);
        Assert.All(seeks, s => Assert.Contains($"USING COVERING INDEX {index} (region=?", s));
        Assert.DoesNotContain(province, l => l.TrimStart().StartsWith("SCAN g"));
        // The merge of the regions' walks re-sorts each walk's output (at most a page), never a region's cases inside a walk.
        for (var i = 0; i < province.Count; i++)
            if (province[i].Contains("TEMP B-TREE")) Assert.StartsWith(Indent(province[i]) + "SCAN (subquery-", province[i - 1]);
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    [Fact]
    public void A_scope_without_cases_plans_nothing()
    {
        Assert.Empty(SqliteQueries.PagePlan(new RegionScope("340100"), new CaseFilter(null, null, null, null, null, null, "opened", false, null, 50)));
    }
}
