using System.Text.Json;
using DataHub.Hub.Reconciliation;
using DataHub.Reconciliation.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Tests.Web;

/// <summary>
/// The trend across runs and counts that follow every change: runs that open and close cases (the engine's apply,
/// and real reconciliation runs), officers' actions in between; each point is the active cases the run left, in scope.
/// </summary>
public sealed class OfficerTrendTests(OfficerWebHost host) : IClassFixture<OfficerWebHost>
{
    [Fact]
    public async Task The_trend_shows_the_active_cases_each_run_left_in_the_users_region_and_counts_follow_each_change()
    {
        var officer = await host.SignedInAsync("officer");
        var supervisor = await host.SignedInAsync("supervisor");
        int Active(string region) => host.Seeded.Count(g => g.Region == region);

        var first = Assert.Single((await officer.GetJsonAsync("/api/cases/trend")).EnumerateArray());
        Assert.Equal(("R-test", (long)Active("320100")), (first.GetProperty("runId").GetString(), first.GetProperty("active").GetInt64()));
        var byRule = host.Seeded.Where(g => g.Region == "320100").GroupBy(g => g.Rule).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(byRule.OrderBy(x => x.Key, StringComparer.Ordinal), first.GetProperty("byRule").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetInt64())));

        // An officer resolves a case: the counts move at once (the cached counts see the change).
        var resolvedBefore = await ByStatusAsync(officer, "resolved");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await officer.PostAsync($"/api/cases/{host.NanjingCases[0]}/actions", new { action = "resolve", reason = "已参保" })).StatusCode);
        Assert.Equal(resolvedBefore + 1, await ByStatusAsync(officer, "resolved"));

        // Run R-2 no longer finds the first 20 Nanjing gaps (the resolved one among them): 19 are auto-closed.
        var dropped = host.Seeded.Where(g => g.Region == "320100").Take(20).ToHashSet();
        await Task.Delay(20); // a later timestamp than the officer's action
        new GapCaseStore(host.Runtime.Database).Apply(host.Seeded.Where(g => !dropped.Contains(g)).ToList(), "R-2", DateTimeOffset.UtcNow);
        Assert.Equal(19, await ByStatusAsync(officer, "auto-closed"));

        // Two real reconciliation runs over registries that hold nobody: the first closes every case, the second changes nothing.
        var runner = new ReconciliationRunner(host.Runtime.Kafka, host.Runtime.Registry, host.Runtime.Database, NullLoggerFactory.Instance);
        var closing = await runner.RunAsync(new ReconciliationOptions(), "test");
        var quiet = await runner.RunAsync(new ReconciliationOptions(), "test");
        Assert.Equal(0L, (await officer.GetJsonAsync("/api/cases/counts?status=active")).GetProperty("total").GetInt64());

        var officerTrend = await TrendAsync(officer);
        Assert.Equal([("R-test", Active("320100")), ("R-2", Active("320100") - 20), (closing.RunId, 0), (quiet.RunId, 0)], officerTrend);
        var supervisorTrend = await TrendAsync(supervisor); // the province: Nanjing and Wuxi, never Hangzhou
        Assert.Equal([("R-test", Active("320100") + Active("320200")), ("R-2", Active("320100") - 20 + Active("320200")), (closing.RunId, 0), (quiet.RunId, 0)],
            supervisorTrend);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await (await host.SignedInAsync("auditor")).GetAsync("/api/cases/trend")).StatusCode);
    }

    private static async Task<long> ByStatusAsync(WebSession session, string status) =>
        (await session.GetJsonAsync("/api/cases/counts?status=")).GetProperty("byStatus").TryGetProperty(status, out var n) ? n.GetInt64() : 0;

    private static async Task<List<(string, int)>> TrendAsync(WebSession session) =>
        (await session.GetJsonAsync("/api/cases/trend")).EnumerateArray()
            .Select(p => (p.GetProperty("runId").GetString()!, (int)p.GetProperty("active").GetInt64())).ToList();
}
