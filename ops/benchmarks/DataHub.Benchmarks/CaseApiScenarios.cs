using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataHub.Hub.Web;
using DataHub.Schemas.Reference;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace DataHub.Benchmarks;

/// <summary>A user of the benchmark (all share one password).</summary>
internal sealed record BenchUser(string Name, string Role, string Region)
{
    public RegionScope Scope() => new(Region);
}

/// <summary>One scenario: a user and the list's filters, as the web pages send them.</summary>
internal sealed record CaseScenario(string Name, BenchUser User, string Query)
{
    public CaseFilter Filter => CaseFilter.Parse(new QueryCollection(QueryHelpers.ParseQuery(Query)));
}

/// <summary>A scenario's pages as walked once, by real cursors, and checked.</summary>
internal sealed record WalkedScenario(CaseScenario Scenario, string Cookie, IReadOnlyList<string> Paths, long Cases, long Total, double FirstCountsMs);

/// <summary>
/// The filter mix: officers of three prefectures and supervisors of two provinces, each with a view they use — the
/// default list, a rare rule, a status and key group, a date window, a province-wide list, a drill-down into one prefecture.
/// Each is walked page by page (50 a page, real cursors) and every row is checked: inside the user's region, matching
/// every filter, in sort order, no row twice, and — when the walk reaches the end — as many rows as the counts say.
/// </summary>
internal static class CaseApiScenarios
{
    public const string Password = "benchmark-password-1";
    public const int PageSize = 50;

    public static readonly BenchUser[] Users =
    [
        new("bench-officer-nanjing", WebRoles.Officer, "320100"), new("bench-officer-suzhou", WebRoles.Officer, "320500"),
        new("bench-officer-hangzhou", WebRoles.Officer, "330100"), new("bench-supervisor-jiangsu", WebRoles.Supervisor, "320000"),
        new("bench-supervisor-zhejiang", WebRoles.Supervisor, "330000"),
    ];

    public static IReadOnlyList<CaseScenario> All { get; } =
    [
        new("officer 320100: active, oldest first", Users[0], "status=active&sort=opened"),
        new("officer 320100: rare rule, newest first", Users[0], "status=active&rule=duplicate-enrolment&sort=opened&dir=desc"),
        new("officer 320500: in progress, by certificate", Users[1], "status=in-progress&keyGroup=certificate&sort=updated&dir=desc"),
        new("officer 330100: opened in May, by rule", Users[2], "from=2026-05-01&to=2026-05-31&sort=rule"),
        new("supervisor 320000: all, latest update", Users[3], "sort=updated&dir=desc"),
        new("supervisor 320000 > 320500: new, one rule", Users[3], "region=320500&status=new&rule=lapsed-enrolment/not-renewed&sort=opened"),
        new("supervisor 330000: active, by status", Users[4], "status=active&sort=status"),
    ];

    /// <summary>Signs the user in (once: logins are rate-limited) and returns the cookie header the browser would send.</summary>
    public static async Task<string> SignInAsync(string url, BenchUser user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(url) };
        var csrf = (await http.GetFromJsonAsync<JsonElement>("/api/csrf")).GetProperty("token").GetString();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { userName = user.Name, password = Password }) };
        login.Headers.Add("X-CSRF-TOKEN", csrf);
        (await http.SendAsync(login)).EnsureSuccessStatusCode();
        return cookies.GetCookieHeader(new Uri(url));
    }

    public static async Task<WalkedScenario> WalkAsync(string url, CaseScenario scenario, string cookie, int maxPages)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var total = (await GetAsync(http, $"/api/cases/counts?{scenario.Query}")).GetProperty("total").GetInt64();
        var countsMs = watch.Elapsed.TotalMilliseconds;
        var paths = new List<string>();
        var seen = new HashSet<string>();
        JsonElement? previous = null;
        string? after = null;
        do
        {
            var path = $"/api/cases?{scenario.Query}&limit={PageSize}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var page = await GetAsync(http, path);
            var rows = page.GetProperty("cases").EnumerateArray().ToList();
            after = page.GetProperty("next").GetString();
            Check(rows.Count == PageSize || (after is null && rows.Count > 0) || (paths.Count == 0 && total == 0), scenario, $"page {paths.Count + 1} has {rows.Count} rows");
            foreach (var row in rows)
            {
                CheckRow(scenario, row);
                Check(seen.Add(row.GetProperty("caseId").GetString()!), scenario, $"case {row.GetProperty("caseId")} on two pages");
                if (previous is { } before) Check(InOrder(scenario.Filter, before, row), scenario, $"{row.GetProperty("caseId")} out of sort order");
                previous = row;
            }
            paths.Add(path);
        } while (after is not null && paths.Count < maxPages);
        Check(after is not null ? seen.Count <= total : seen.Count == total, scenario, $"walked {seen.Count} cases, counts say {total}");
        Check(seen.Count > 0, scenario, "no case at all: the seeded store does not fit the scenario");
        return new WalkedScenario(scenario, cookie, paths, seen.Count, total, countsMs);
    }

    /// <summary>After the load: the first and last pages still answer exactly what the walk saw.</summary>
    public static async Task RecheckAsync(string url, WalkedScenario walked, IReadOnlyDictionary<string, string> firstIds)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("Cookie", walked.Cookie);
        var first = await GetAsync(http, walked.Paths[0]);
        Check(first.GetProperty("cases")[0].GetProperty("caseId").GetString() == firstIds[walked.Scenario.Name], walked.Scenario, "first page changed under load");
        foreach (var row in (await GetAsync(http, walked.Paths[^1])).GetProperty("cases").EnumerateArray()) CheckRow(walked.Scenario, row);
    }

    public static async Task<string> FirstIdAsync(string url, WalkedScenario walked)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("Cookie", walked.Cookie);
        return (await GetAsync(http, walked.Paths[0])).GetProperty("cases")[0].GetProperty("caseId").GetString()!;
    }

    private static void CheckRow(CaseScenario scenario, JsonElement row)
    {
        var f = scenario.Filter;
        var region = row.GetProperty("region").GetString()!;
        Check(DivisionTable.Default.IsWithin(region, scenario.User.Region), scenario, $"case in {region}, outside the user's {scenario.User.Region}");
        Check(f.Region is null || DivisionTable.Default.IsWithin(region, f.Region), scenario, $"case in {region}, outside the filter {f.Region}");
        Check(f.Rule is null || row.GetProperty("rule").GetString() == f.Rule, scenario, "rule filter not applied");
        var status = row.GetProperty("status").GetString()!;
        Check(f.Status is null || status == f.Status || (f.Status == CaseFilter.ActiveStatus && Hub.Reconciliation.CaseStatus.IsActive(status)), scenario, $"status {status}");
        Check(f.KeyGroup is null || row.GetProperty("matchedBy").GetString() == f.KeyGroup, scenario, "key group filter not applied");
        var opened = DateOnly.FromDateTime(row.GetProperty("openedAt").GetDateTimeOffset().UtcDateTime);
        Check((f.From is null || opened >= f.From) && (f.To is null || opened <= f.To), scenario, $"opened {opened} outside the dates");
        Check(System.Text.RegularExpressions.Regex.IsMatch(row.GetProperty("person").GetString()!, @"^\d{4}\*{10}[\dX]{4}$"), scenario, "person not masked");
    }

    private static bool InOrder(CaseFilter f, JsonElement a, JsonElement b)
    {
        int Key(JsonElement x, JsonElement y) => f.Sort switch
        {
            "opened" => x.GetProperty("openedAt").GetDateTimeOffset().CompareTo(y.GetProperty("openedAt").GetDateTimeOffset()),
            "updated" => x.GetProperty("updatedAt").GetDateTimeOffset().CompareTo(y.GetProperty("updatedAt").GetDateTimeOffset()),
            "id" => 0,
            _ => string.CompareOrdinal(x.GetProperty(f.Sort).GetString(), y.GetProperty(f.Sort).GetString()),
        };
        var order = Key(a, b);
        if (order == 0) order = string.CompareOrdinal(a.GetProperty("caseId").GetString(), b.GetProperty("caseId").GetString());
        return f.Descending ? order > 0 : order < 0;
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private static void Check(bool ok, CaseScenario scenario, string problem)
    {
        if (!ok) throw new InvalidOperationException($"{scenario.Name}: {problem} — the benchmark measures nothing it cannot trust");
    }
}
