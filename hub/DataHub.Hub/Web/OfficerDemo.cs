using System.Security.Cryptography;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Service;
using DataHub.Hub.Telemetry;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Web;

/// <summary>The demo users `datahub serve --demo` creates, with the one password they share.</summary>
public sealed record DemoLogin(string Url, string Password, IReadOnlyList<WebUser> Users, int Cases);

/// <summary>
/// `datahub serve --demo`: generates a small synthetic city (Jiangsu, prefectures 320100–320600), runs its feeds
/// through the hub, reconciles, and creates an officer (Nanjing 320100 — case regions are pooling areas, i.e.
/// prefectures, so an officer's region is at least a prefecture), a supervisor (Jiangsu 320000), an auditor and an admin.
/// </summary>
public static class OfficerDemo
{
    public const string OfficerRegion = "320100";
    public const string ProvinceRegion = "320000";

    public static async Task<DemoLogin> SeedAsync(WebApplication app, string feedsDirectory, int people, IProgress<string>? progress, CancellationToken ct)
    {
        var runtime = app.Services.GetRequiredService<HubRuntimeService>().Runtime;
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var city = Directory.CreateTempSubdirectory("datahub-demo-city-").FullName;
        try
        {
            progress?.Report($"generating a city of {people:N0} people in {city}");
            CityFiles.Write(new CitySettings(people, 7, CitySettings.DefaultAsOf), city);
            // The app's metrics, so the demo's feed runs and gaps show on /metrics like any other.
            var metrics = app.Services.GetRequiredService<HubMetrics>();
            var feeds = new FeedRunner(runtime.Kafka, runtime.Registry, runtime.FeedState, loggers.CreateLogger<FeedRunner>(), metrics: metrics);
            var reconciliation = new ReconciliationRunner(runtime.Kafka, runtime.Registry, runtime.Database, loggers, metrics: metrics);
            var run = await new CityAccuracyRun(feeds, reconciliation).RunAsync(city, feedsDirectory, new ReconciliationOptions(), progress, ct);
            progress?.Report($"reconciled: {run.Run.Result.Gaps.Count:N0} gaps");
        }
        finally
        {
            try { Directory.Delete(city, recursive: true); } catch (IOException) { }
        }
        var password = "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var data = app.Services.GetRequiredService<OfficerData>();
        var users = data.Users;
        var now = DateTimeOffset.UtcNow;
        WebUser[] created =
        [
            users.Upsert("officer", WebRoles.Officer, OfficerRegion, password, now),
            users.Upsert("supervisor", WebRoles.Supervisor, ProvinceRegion, password, now),
            users.Upsert("auditor", WebRoles.Auditor, ProvinceRegion, password, now),
            users.Upsert("admin", WebRoles.Admin, ProvinceRegion, password, now),
        ];
        var cases = data.Cases.Cases().Count(c => CaseStatus.IsActive(c.Status));
        return new DemoLogin(HubServer.Address(app), password, created, cases);
    }
}
