using System.Net;
using System.Text.Json;

namespace DataHub.Tests.Web;

/// <summary>The feed API of `datahub serve` is the admins' (and the service token's, see HubServerTests): anonymous 401, other roles 403.</summary>
public sealed class FeedApiAccessTests(OfficerWebHost host) : IClassFixture<OfficerWebHost>
{
    [Fact]
    public async Task Anonymous_requests_to_the_feed_api_get_401()
    {
        using var anonymous = host.Session();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/feeds")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/feeds/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/feeds/{host.FeedName}/runs", new { })).StatusCode);
        await AssertNoRunAsync();
    }

    [Theory]
    [InlineData("officer")]
    [InlineData("supervisor")]
    [InlineData("auditor")]
    public async Task Officers_supervisors_and_auditors_get_403_from_the_feed_api(string user)
    {
        var session = await host.SignedInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/feeds")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/feeds/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostAsync($"/api/feeds/{host.FeedName}/runs", new { })).StatusCode);
        await AssertNoRunAsync();
    }

    [Fact]
    public async Task An_admin_lists_runs_a_feed_with_the_csrf_token_and_sees_it_in_the_run_history_and_the_audit_log()
    {
        var admin = await host.SignedInAsync("admin");
        var feeds = await admin.GetJsonAsync("/api/feeds");
        Assert.Contains(feeds.EnumerateArray(), f => f.GetProperty("name").GetString() == host.FeedName);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/feeds/{host.FeedName}/runs", new { }, withCsrf: false)).StatusCode);
        await AssertNoRunAsync();
        var response = await admin.PostAsync($"/api/feeds/{host.FeedName}/runs", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((12L, 12L), (run.GetProperty("read").GetInt64(), run.GetProperty("published").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/feeds/no-such-feed/runs", new { })).StatusCode);

        var history = (await admin.GetJsonAsync($"/api/feeds/runs?feed={host.FeedName}")).EnumerateArray().ToList();
        var recorded = Assert.Single(history);
        Assert.Equal((run.GetProperty("runId").GetInt64(), "succeeded"), (recorded.GetProperty("id").GetInt64(), recorded.GetProperty("status").GetString()));
        Assert.StartsWith("api:admin ", recorded.GetProperty("trigger").GetString()); // then the request's work id

        var auditor = await host.SignedInAsync("auditor");
        var audit = (await auditor.GetJsonAsync("/api/audit?action=feed-run")).EnumerateArray().ToList();
        Assert.Contains(audit, a => a.GetProperty("user").GetString() == "admin" && a.GetProperty("detail").GetString() == host.FeedName);
    }

    /// <summary>No refused request may have started a run (other tests of the class may have run it once, as admin).</summary>
    private async Task AssertNoRunAsync()
    {
        var runs = (await (await host.SignedInAsync("admin")).GetJsonAsync($"/api/feeds/runs?feed={host.FeedName}")).EnumerateArray();
        Assert.All(runs, r => Assert.StartsWith("api:admin ", r.GetProperty("trigger").GetString()));
    }
}
