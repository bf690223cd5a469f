using System.Text.Json;
using DataHub.Reconciliation.Engine;

namespace DataHub.Tests.Web;

/// <summary>Counts per filter and the chart's figures agree with the cases the list shows under the same filter, inside the user's region.</summary>
public sealed class OfficerCountsTests(OfficerWebHost host) : IClassFixture<OfficerWebHost>
{
    public static TheoryData<string> Filters => new()
    {
        "status=",
        "status=active",
        $"rule={Uri.EscapeDataString(RuleIds.Deceased)}&status=",
        "keyGroup=certificate&status=",
        $"keyGroup=id&rule={Uri.EscapeDataString(RuleIds.Duplicate)}&status=active",
        "region=320100&status=new",
        $"from={DateTime.UtcNow:yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}&status=",
        $"from={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}&status=",
        "region=330100&status=",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_officers_counts_per_filter_are_the_cases_the_list_walks_under_that_filter(string filter)
    {
        var officer = await host.SignedInAsync("officer");
        var listed = await WalkAsync(officer, filter);
        var counts = await officer.GetJsonAsync($"/api/cases/counts?{filter}");
        Assert.Equal(listed.Count, counts.GetProperty("total").GetInt64());
        Assert.Equal(Tally(listed, "rule"), Dictionary(counts.GetProperty("byRule")));
        Assert.Equal(Tally(listed, "status"), Dictionary(counts.GetProperty("byStatus")));
        Assert.Equal(Tally(listed, "region"), Dictionary(counts.GetProperty("byRegion")));
        Assert.All(listed, c => Assert.Equal("320100", c.GetProperty("region").GetString()));
    }

    [Fact]
    public async Task A_filter_finds_the_seeded_cases_it_names()
    {
        var officer = await host.SignedInAsync("officer");
        var expected = host.Seeded.Count(g => g.Region == "320100" && g.Rule == RuleIds.Deceased && g.MatchedBy == MatchKind.ResidentId);
        var counts = await officer.GetJsonAsync($"/api/cases/counts?rule={Uri.EscapeDataString(RuleIds.Deceased)}&keyGroup=id&status=");
        Assert.True(expected > 0);
        Assert.Equal(expected, counts.GetProperty("total").GetInt64());
        Assert.Equal(host.Seeded.Count(g => g.Region == "320100" && g.MatchedBy == MatchKind.Certificate),
            (await officer.GetJsonAsync("/api/cases/counts?keyGroup=certificate&status=")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_chart_counts_the_supervisors_active_cases_by_rule_and_region_and_nothing_outside_the_province()
    {
        var supervisor = await host.SignedInAsync("supervisor");
        var active = await WalkAsync(supervisor, "status=active");
        var chart = (await supervisor.GetJsonAsync("/api/cases/counts?status=active")).GetProperty("activeByRuleAndRegion").EnumerateArray()
            .ToDictionary(b => (b.GetProperty("rule").GetString()!, b.GetProperty("region").GetString()!), b => b.GetProperty("count").GetInt64());
        var expected = active.GroupBy(c => (c.GetProperty("rule").GetString()!, c.GetProperty("region").GetString()!)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(x => x.Key), chart.OrderBy(x => x.Key));
        Assert.Equal(["320100", "320200"], chart.Keys.Select(k => k.Item2).Distinct().Order());
    }

    [Fact]
    public async Task Counts_are_read_from_a_covering_index_in_group_by_order()
    {
        var plan = Assert.IsType<Hub.Web.CaseQueries>(host.Data.Queries).Counts.Plan(new Hub.Web.RegionScope("320000"),
            new Hub.Web.CaseFilter(RuleIds.Deceased, "active", null, "id", new DateOnly(2026, 1, 1), null, "opened", false, null, 50));
        var step = Assert.Single(plan);
        Assert.StartsWith("SEARCH g USING COVERING INDEX gap_case_tally (region>? AND region<?)", step); // no table rows, no sort for the GROUP BY
    }

    private static async Task<List<JsonElement>> WalkAsync(WebSession session, string filter)
    {
        var cases = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await session.GetJsonAsync($"/api/cases?{filter}&limit=17" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"));
            cases.AddRange(page.GetProperty("cases").EnumerateArray());
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        Assert.Equal(cases.Count, cases.Select(c => c.GetProperty("caseId").GetString()).Distinct().Count());
        return cases;
    }

    private static Dictionary<string, long> Tally(IEnumerable<JsonElement> cases, string field) =>
        cases.GroupBy(c => c.GetProperty(field).GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count());

    private static Dictionary<string, long> Dictionary(JsonElement map) =>
        map.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.Value.GetInt64());
}
