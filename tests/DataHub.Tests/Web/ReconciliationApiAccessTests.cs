using System.Net;
using System.Text.Json;

namespace DataHub.Tests.Web;

/// <summary>The reconciliation API of `datahub serve` is the admins' and the service token's (see ReconcileScheduleTests): anonymous 401, other roles 403.</summary>
public sealed class ReconciliationApiAccessTests(OfficerWebHost host) : IClassFixture<OfficerWebHost>
{
    private const string Runs = "/api/reconciliation/runs";

    [Fact]
    public async Task Anonymous_requests_to_the_reconciliation_api_get_401()
    {
        using var anonymous = host.Session();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Runs)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Runs, new { })).StatusCode);
        await AssertNoRunAsync();
    }

    [Theory]
    [InlineData("officer")]
    [InlineData("supervisor")]
    [InlineData("auditor")]
    public async Task Officers_supervisors_and_auditors_get_403_from_the_reconciliation_api(string user)
    {
        var session = await host.SignedInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(Runs)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostAsync(Runs, new { })).StatusCode);
        await AssertNoRunAsync();
    }

    [Fact]
    public async Task An_admin_reconciles_with_the_csrf_token_and_the_run_is_in_the_history_and_the_audit_log()
    {
        var admin = await host.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(Runs, new { }, withCsrf: false)).StatusCode);
        await AssertNoRunAsync();

        var response = await admin.PostAsync(Runs, new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("succeeded", run.GetProperty("status").GetString());

        var history = (await admin.GetJsonAsync(Runs)).EnumerateArray().ToList();
        var recorded = Assert.Single(history, r => r.GetProperty("runId").GetString() == run.GetProperty("runId").GetString());
        Assert.Equal("api:admin", recorded.GetProperty("trigger").GetString());

        var auditor = await host.SignedInAsync("auditor");
        var audit = (await auditor.GetJsonAsync("/api/audit?action=reconcile-run")).EnumerateArray().ToList();
        Assert.Contains(audit, a => a.GetProperty("user").GetString() == "admin");
    }

    /// <summary>No refused request may have started a run (another test of the class may have run one, as admin).</summary>
    private async Task AssertNoRunAsync()
    {
        var runs = (await (await host.SignedInAsync("admin")).GetJsonAsync(Runs)).EnumerateArray();
        Assert.All(runs, r => Assert.Equal("api:admin", r.GetProperty("trigger").GetString()));
    }
}
