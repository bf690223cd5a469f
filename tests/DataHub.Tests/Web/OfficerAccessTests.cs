using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataHub.Tests.Web;

/// <summary>The officers' web app over HTTP: sign-in, region scope on every route, CSRF, rate limit, hostile filters.</summary>
public sealed class OfficerAccessTests(OfficerWebHost host) : IClassFixture<OfficerWebHost>
{
    [Theory]
    [InlineData("GET", "/api/cases")]
    [InlineData("GET", "/api/cases/counts")]
    [InlineData("GET", "/api/cases/trend")]
    [InlineData("GET", "/api/feeds")]
    [InlineData("GET", "/api/feeds/runs")]
    [InlineData("POST", "/api/feeds/no-such-feed/runs")]
    [InlineData("GET", "/api/cases/GC-0000000000000000")]
    [InlineData("GET", "/api/cases/export.csv")]
    [InlineData("GET", "/api/cases/export.xlsx")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/users")]
    [InlineData("GET", "/api/me")]
    [InlineData("POST", "/api/cases/GC-0000000000000000/actions")]
    [InlineData("POST", "/api/cases/GC-0000000000000000/reveal")]
    [InlineData("POST", "/api/cases/actions")]
    public async Task Anonymous_api_requests_get_401(string method, string path)
    {
        using var session = host.Session();
        var response = method == "GET" ? await session.GetAsync(path) : await session.PostAsync(path, new { action = "note", note = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_officer_cannot_read_change_reveal_or_export_another_regions_case_by_any_route()
    {
        var officer = await host.SignedInAsync("officer");
        var foreign = host.WuxiCases[0];
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/cases/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync($"/api/cases/{foreign}/actions", new { action = "note", note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync($"/api/cases/{foreign}/actions", new { action = "resolve", reason = "guessed" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync($"/api/cases/{foreign}/reveal", new { reason = "just looking" })).StatusCode);
        // A guessed id answers exactly like an id that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/cases/GC-FFFFFFFFFFFFFFFF")).StatusCode);

        var bulk = await (await officer.PostAsync("/api/cases/actions", new { ids = new[] { foreign, host.HangzhouCases[0] }, action = "note", note = "bulk" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, bulk.GetProperty("done").GetInt32());

        // Tampered filters: another prefecture, a wider province, another province — never a case outside 320100.
        foreach (var region in new[] { "320200", "330100", "320000", "330000", "999999" })
        {
            var page = await officer.GetJsonAsync($"/api/cases?region={region}&limit=200&status=");
            var regions = page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("region").GetString()).ToList();
            Assert.All(regions, r => Assert.Equal("320100", r));
            Assert.Equal(region == "320000" ? 120 : 0, regions.Count);
            var counts = await officer.GetJsonAsync($"/api/cases/counts?region={region}");
            Assert.Equal(region == "320000" ? 120 : 0, counts.GetProperty("total").GetInt64());
        }

        var csv = await (await officer.GetAsync("/api/cases/export.csv?region=320200")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(foreign, csv);
        var all = await (await officer.GetAsync("/api/cases/export.csv")).Content.ReadAsStringAsync();
        Assert.All(host.WuxiCases.Concat(host.HangzhouCases), id => Assert.DoesNotContain(id, all));
        Assert.Contains(host.NanjingCases[0], all);
        Assert.Equal(HttpStatusCode.NotFound, (await (await host.SignedInAsync("officer-wuxi")).GetAsync($"/api/cases/{host.NanjingCases[0]}")).StatusCode);
    }

    [Fact]
    public async Task Roles_see_only_their_part_supervisor_the_province_auditor_the_audit_log_admin_the_users()
    {
        var supervisor = await host.SignedInAsync("supervisor");
        var counts = await supervisor.GetJsonAsync("/api/cases/counts");
        Assert.Equal(127, counts.GetProperty("total").GetInt64()); // 320100 and 320200, not Hangzhou 330100
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/cases/{host.HangzhouCases[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/audit")).StatusCode);

        var auditor = await host.SignedInAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/audit")).StatusCode);

        var admin = await host.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/cases")).StatusCode);
        var users = await admin.GetAsync("/api/users");
        var text = await users.Content.ReadAsStringAsync();
        Assert.Contains("officer-wuxi", text);
        Assert.DoesNotContain("AQAAAA", text); // no password hash leaves the store
    }

    [Fact]
    public async Task A_state_change_without_the_csrf_token_is_400_and_changes_nothing()
    {
        var officer = await host.SignedInAsync("officer");
        var id = host.NanjingCases[1];
        var response = await officer.PostAsync($"/api/cases/{id}/actions", new { action = "resolve", reason = "no token" }, withCsrf: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/api/cases/{id}/reveal", new { reason = "no token" }, withCsrf: false)).StatusCode);
        var detail = await officer.GetJsonAsync($"/api/cases/{id}");
        Assert.Equal("new", detail.GetProperty("case").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_sixth_login_attempt_in_a_minute_for_one_user_and_address_gets_429()
    {
        using var session = host.Session();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await session.LoginAsync("supervisor-typo", "wrong password " + i)).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests), statuses);
    }

    [Theory]
    [InlineData("rule", "'; DROP TABLE gap_case; --")]
    [InlineData("status", "new' OR '1'='1")]
    [InlineData("region", "320200' OR 1=1 --")]
    [InlineData("keyGroup", "\" OR \"\"=\"")]
    [InlineData("sort", "region; DROP TABLE gap_case")]
    [InlineData("after", "x' OR 1=1 --,GC-0")]
    [InlineData("rule", "漏保\u0000\u202e𠀀")]
    [InlineData("from", "2026-13-45")]
    [InlineData("limit", "1000000")]
    public async Task Hostile_filter_values_give_no_sql_error_and_no_other_regions_case(string name, string value)
    {
        var officer = await host.SignedInAsync("officer");
        var query = $"/api/cases?{name}={Uri.EscapeDataString(value)}&status=";
        if (name == "status") query = $"/api/cases?status={Uri.EscapeDataString(value)}";
        var page = await officer.GetJsonAsync(query);
        var cases = page.GetProperty("cases").EnumerateArray().ToList();
        Assert.All(cases, c => Assert.Equal("320100", c.GetProperty("region").GetString()));
        Assert.True(cases.Count <= 200);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(query.Replace("/api/cases?", "/api/cases/counts?"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(query.Replace("/api/cases?", "/api/cases/export.csv?"))).StatusCode);
        Assert.Equal(120, (await officer.GetJsonAsync("/api/cases/counts?status=")).GetProperty("total").GetInt64()); // the table is still there
    }

    [Fact]
    public async Task Keyset_pages_of_50_cover_the_region_once_in_order()
    {
        var officer = await host.SignedInAsync("officer");
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await officer.GetJsonAsync($"/api/cases?status=&sort=id&limit=50" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"));
            seen.AddRange(page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()!));
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        Assert.Equal(host.NanjingCases.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task The_api_is_described_in_openapi()
    {
        using var session = host.Session();
        var doc = await session.GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/cases", paths);
        Assert.Contains("/api/cases/{id}/reveal", paths);
        Assert.Contains("/api/cases/export.xlsx", paths);
        Assert.Contains("/api/cases/trend", paths);
        Assert.Contains("/api/feeds/runs", paths);
        Assert.Contains("/api/feeds/{name}/runs", paths);
    }
}
