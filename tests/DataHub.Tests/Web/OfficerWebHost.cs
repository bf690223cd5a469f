using System.Text.RegularExpressions;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Service;
using DataHub.Hub.Web;
using DataHub.Reconciliation.Engine;
using DataHub.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataHub.Tests.Web;

/// <summary>
/// `datahub serve`'s host on a free port with seeded gap cases in three pooling areas (Nanjing 320100, Wuxi 320200,
/// Hangzhou 330100), one user per role: officer (320100), officer-wuxi (320200), supervisor (320000), auditor, admin;
/// and one feed (the shipped births definition over 12 synthetic rows) for the feed API.
/// </summary>
public sealed class OfficerWebHost : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-web-").FullName;
    private readonly Dictionary<string, WebSession> _sessions = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;

    public string Url { get; private set; } = "";
    public string FeedName { get; } = "web-test-births-" + Guid.NewGuid().ToString("N")[..8];
    public IReadOnlyList<string> NanjingCases { get; private set; } = [];
    public IReadOnlyList<string> WuxiCases { get; private set; } = [];
    public IReadOnlyList<string> HangzhouCases { get; private set; } = [];
    /// <summary>The gaps the cases were opened from (run R-test), for tests to work out what a filter should find.</summary>
    public IReadOnlyList<Gap> Seeded { get; private set; } = [];
    public IServiceProvider Services => _app!.Services;
    public Hub.Hosting.HubRuntime Runtime => Services.GetRequiredService<HubRuntimeService>().Runtime;
    public OfficerData Data => Services.GetRequiredService<OfficerData>();

    /// <summary>The resident ID of the seeded case, unmasked (tests check it never leaks where it should be masked).</summary>
    public static string PersonOf(string region, int i) => $"{region[..4]}0119900101{i:D4}";

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataHub:DataDirectory"] = Path.Combine(_dir, "data"),
            ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Serve:FeedsDirectory"] = Path.Combine(_dir, "feeds"),
            ["Serve:RunSchedules"] = "false",
        }).Build();
        WriteFeed(Path.Combine(_dir, "feeds"));
        _app = HubServer.Build(configuration);
        await _app.StartAsync();
        Url = HubServer.Address(_app);

        var db = _app.Services.GetRequiredService<HubRuntimeService>().Runtime.Database;
        var gaps = Gaps("320100", 120).Concat(Gaps("320200", 7)).Concat(Gaps("330100", 5)).ToList();
        new GapCaseStore(db).Apply(gaps, "R-test", DateTimeOffset.UtcNow);
        Seeded = gaps;
        NanjingCases = Ids(gaps, "320100");
        WuxiCases = Ids(gaps, "320200");
        HangzhouCases = Ids(gaps, "330100");
        var users = _app.Services.GetRequiredService<OfficerData>().Users;
        var now = DateTimeOffset.UtcNow;
        users.Upsert("officer", WebRoles.Officer, "320100", Password, now);
        users.Upsert("officer-wuxi", WebRoles.Officer, "320200", Password, now);
        users.Upsert("supervisor", WebRoles.Supervisor, "320000", Password, now);
        users.Upsert("auditor", WebRoles.Auditor, "320000", Password, now);
        users.Upsert("admin", WebRoles.Admin, "320000", Password, now);
    }

    public WebSession Session() => new(Url);

    /// <summary>One signed-in session per user for the whole class: logins are rate-limited (5 a minute per user and address).</summary>
    public async Task<WebSession> SignedInAsync(string user)
    {
        await _gate.WaitAsync();
        try
        {
            if (_sessions.TryGetValue(user, out var known)) return known;
            var session = Session();
            var response = await session.LoginAsync(user, Password);
            Assert.True(response.IsSuccessStatusCode, $"login {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return _sessions[user] = session;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void WriteFeed(string feeds)
    {
        Directory.CreateDirectory(feeds);
        var csv = Path.Combine(_dir, "births.csv");
        File.WriteAllText(csv, SyntheticBirths.Csv(SyntheticBirths.Rows(12, seed: 3)));
        var yaml = File.ReadAllText(ShippedFeeds.Path("public-security/births.yaml"));
        yaml = Regex.Replace(yaml, @"^name: .*$", $"name: {FeedName}", RegexOptions.Multiline);
        yaml = Regex.Replace(yaml, @"^  path: .*$", $"  path: {csv}", RegexOptions.Multiline);
        File.WriteAllText(Path.Combine(feeds, "births.yaml"), yaml);
    }

    private static IEnumerable<Gap> Gaps(string region, int count) => Enumerable.Range(0, count).Select(i => new Gap(
        PersonOf(region, i), RuleIds.All[i % RuleIds.All.Count], "2026", region, $"seeded gap {i} in {region}",
        [new GapEvidence("public-security.births", $"births-{region}.csv", i + 2, new DateOnly(2026, 1, 1 + i % 28), "seeded evidence")],
        i % 5 == 0 ? MatchKind.Certificate : MatchKind.ResidentId));

    private static IReadOnlyList<string> Ids(IEnumerable<Gap> gaps, string region) =>
        gaps.Where(g => g.Region == region).Select(g => GapCaseStore.CaseIdOf(g.Person, g.Rule, g.Period)).ToList();

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions.Values) session.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
