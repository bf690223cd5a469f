using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;

namespace DataHub.Hub.Reconciliation;

/// <summary>What `datahub accuracy` measured on a city.</summary>
public sealed record CityAccuracy(IReadOnlyList<FeedRunResult> Feeds, ReconciliationRun Run, IReadOnlyList<RuleAccuracy> ByRule,
    IReadOnlyList<RuleAccuracy> ByRuleAndMatch, IReadOnlyList<LostRange> Lost);

/// <summary>
/// Runs every department feed of a generated city through the hub (the shipped feed definitions, FeedRunner,
/// Kafka, the registry), materialises, reconciles, and compares the gaps with the city's expected-gaps.csv.
/// </summary>
public sealed class CityAccuracyRun(FeedRunner feeds, ReconciliationRunner reconciliation)
{
    public async Task<CityAccuracy> RunAsync(string cityDirectory, string feedsDirectory, ReconciliationOptions options,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var manifest = CityFiles.ReadManifest(cityDirectory);
        options.AsOf ??= manifest.AsOfDate;
        var results = await PublishAsync(cityDirectory, feedsDirectory, progress, ct);
        var run = await reconciliation.RunAsync(options, "accuracy", ct);
        var expected = CityFiles.ReadExpected(cityDirectory).Select(e => (e.Person, e.Rule, e.Period, e.Match)).ToList();
        // The city plants enrolment gaps only; signals of other kinds (the invoice cross-checks) are not scored.
        var found = run.Gaps.Where(g => RuleIds.All.Contains(g.Rule)).Select(g => (g.Person, g.Rule, g.Period, CityLife.MatchText(g.MatchedBy))).ToList();
        return new CityAccuracy(results, run, AccuracyReport.Compare(found, expected), AccuracyReport.Compare(found, expected, byMatch: true), run.Materialised.Lost);
    }

    /// <summary>Publishes every department feed of the city, materialising after each (the embedded cluster's retention is small).</summary>
    public async Task<IReadOnlyList<FeedRunResult>> PublishAsync(string cityDirectory, string feedsDirectory, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var results = new List<FeedRunResult>();
        foreach (var layout in CityFeedLayout.All)
        {
            var folder = Path.Combine(cityDirectory, layout.Folder);
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList() : [];
            if (files.Count == 0) continue;
            var feed = FeedDefinitionLoader.Load(Path.Combine(feedsDirectory, layout.DefinitionPath));
            progress?.Report($"{feed.Name}: {files.Count} file(s)");
            results.Add(await feeds.RunAsync(feed, files, "accuracy", null, ct));
            reconciliation.Materialise(ct, [feed.Target.Topic]);
        }
        return results;
    }
}
