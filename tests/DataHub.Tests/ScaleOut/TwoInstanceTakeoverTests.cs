using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataHub.Benchmarks;
using DataHub.Hub.Kafka;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using DataHub.Schemas.Topics;
using DataHub.Tests.Pipeline;
using DataHub.Tests.Support;
using Xunit.Abstractions;

namespace DataHub.Tests.ScaleOut;

/// <summary>
/// Two `datahub serve` processes in one consumer group on one embedded cluster and one SQLite store share the
/// feed runs of a generated city and a large file. The one running the large file is killed with SIGKILL mid-file;
/// the other takes over its partitions, resumes the file from its checkpoint, runs whatever else was left, and
/// reconciles: every record is on its topic exactly once and the cases are the city's planted gaps, each once.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class TwoInstanceTakeoverTests(ITestOutputHelper output)
{
    private const string BulkFeed = "test.bulk-contributions";
    private const string BulkTopic = "test.contribution.takeover.v1";
    private const long BulkRecords = 200_000;
    private const string ServiceToken = "takeover-test-service-token-0123456789";
    private static readonly Regex HoldsThree = new(@"now holds partitions \d,\d,\d \(", RegexOptions.Compiled);

    [Fact]
    public async Task One_instance_killed_mid_file_the_other_finishes_and_nothing_is_lost_or_doubled()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var hub = await EmbeddedHub.StartAsync();
        hub.Cluster.CreateTopic(BulkTopic, 12);
        var city = Path.Combine(hub.Directory, "city");
        CityFiles.Write(new CitySettings(1_000, 43, CitySettings.DefaultAsOf), city);
        var feeds = WriteFeeds(hub.Directory, city, out var bulkCsv);
        var settings = new Dictionary<string, string>
        {
            ["Serve:RunSchedules"] = "false",
            ["Serve:ReconcileSchedule"] = "",
            ["Serve:ApiToken"] = ServiceToken,
            ["ScaleOut:SessionTimeoutMs"] = "6000",
            ["ScaleOut:PeerStallSeconds"] = "2",
            ["Reconciliation:AsOf"] = CitySettings.DefaultAsOf.ToString("yyyy-MM-dd"),
        };
        using var first = ServeProcess.Start("first", hub, feeds, settings);
        using var second = ServeProcess.Start("second", hub, feeds, settings);
        var running = new[] { first, second };
        await Task.WhenAll(running.Select(c => c.WaitForAsync(lines => lines.LastOrDefault(l => l.Contains("now holds")) is { } last && HoldsThree.IsMatch(last),
            "holding 3 partitions", TimeSpan.FromSeconds(90))));

        var shares = running.Select(c => Regex.Match(c.Lines.Last(l => l.Contains("now holds")), @"partitions ([\d,]+) ").Groups[1].Value.Split(',').Select(int.Parse)).ToList();
        Assert.Equal(Enumerable.Range(0, 6), shares.SelectMany(p => p).Order()); // co-partitioned: each number on one instance, for every topic
        Assert.DoesNotContain(running.SelectMany(c => c.Lines), l => l.Contains("not assigned alike"));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: both instances hold 3 partitions ({string.Join(" / ", shares.Select(p => string.Join(",", p)))})");
        var queue = new FeedWorkQueue(hub.Kafka, hub.Registry);
        var bulk = await queue.SubmitAsync(BulkFeed, "test");
        // Watch from now: on an idle machine the file takes only a few seconds. The city's requests follow meanwhile.
        var wellStarted = WaitForBulkCheckpointAsync(hub, running, minimumLine: 20_000, TimeSpan.FromSeconds(120));
        var cityRequests = Task.Run(async () =>
        {
            var submitted = new List<FeedWorkItem>();
            foreach (var layout in CityFeedLayout.All) submitted.Add(await queue.SubmitAsync(layout.Feed, "test"));
            return submitted;
        });

        // Kill as soon as the bulk file is well started (watching the store, not the logs, which lag), whoever runs it.
        var killedAt = await wellStarted;
        await Task.WhenAny(running.Select(c => c.WaitForAsync(l => l.Any(x => x.Contains($"running {BulkFeed}")), "running the bulk feed", TimeSpan.FromSeconds(30))));
        var victim = running.Single(c => c.Lines.Any(l => l.Contains($"running {BulkFeed}")));
        var survivor = running.Single(c => c != victim);
        victim.KillHard();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: killed {victim.Name} with the bulk file's checkpoint at line {killedAt}");
        Assert.InRange(killedAt, 20_000, BulkRecords - 1);

        var requests = new List<FeedWorkItem> { bulk };
        requests.AddRange(await cityRequests);
        foreach (var request in requests) await WaitForSucceededAsync(hub, request, survivor, TimeSpan.FromSeconds(180));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: every request ran");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServiceToken);
        var response = await http.PostAsync($"{survivor.Url}/api/reconciliation/runs", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: survivor's reconcile: {run}");
        Assert.Equal(("succeeded", "partitions 0,1,2,3,4,5"), (run.GetProperty("status").GetString(), run.GetProperty("scope").GetString()));

        // The bulk file: resumed by the survivor, every row on the topic once.
        var bulkRuns = (await hub.State.RecentRunsAsync(BulkFeed, 10)).Where(r => r.Trigger == requests[0].RunTrigger).ToList();
        Assert.Contains(bulkRuns, r => r.Status == "running"); // the killed run never finished
        var resumed = Assert.Single(bulkRuns, r => r.Status == "succeeded");
        // It read only what came after the checkpoint (file lines count from the header, line 1).
        Assert.InRange(resumed.Read, 1, BulkRecords + 1 - killedAt);
        Assert.All(hub.LowWatermarks(BulkTopic, 12), low => Assert.Equal(0, low));
        var published = TopicReader.ReadToEnd(hub.Kafka, hub.Registry, BulkTopic, $"takeover-{Guid.NewGuid():N}", TimeSpan.FromSeconds(60))
            .Select(r => $"{r.Value["residentId"]}|{r.Value["period"]}|{RecordJson.Text(r.Value["paidDate"])}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(BulkRecords, published.Count);
        Assert.Equal(CsvRows(bulkCsv), published);

        // The city's registry topics: each data line once (nothing dropped, so the ends count the records).
        foreach (var (topic, lines) in CityLinesByTopic(city))
        {
            Assert.All(hub.LowWatermarks(topic, TopicCatalog.Get(topic).Partitions), low => Assert.Equal(0, low));
            Assert.Equal((topic, lines), (topic, RegistryWatermarks.Ends(hub.Kafka).Where(e => e.Key.Topic == topic).Sum(e => e.Value)));
        }

        // The cases: the planted gaps, each once, each with one "opened" event.
        var cases = new GapCaseStore(hub.Database).Cases();
        var report = AccuracyReport.Compare(cases.Select(c => (c.Person, c.Rule, c.Period, c.MatchedBy)).ToList(),
            CityFiles.ReadExpected(city).Select(e => (e.Person, e.Rule, e.Period, e.Match)).ToList(), byMatch: true);
        foreach (var r in report) output.WriteLine($"{r.Rule,-36} {r.Match,-12} expected {r.Expected,4} found {r.Found,4}");
        Assert.All(report.Where(r => r.Match == "id"), r => Assert.Equal((r.Rule, 1.0, 1.0), (r.Rule, r.Recall, r.Precision)));
        Assert.All(report.Where(r => r.Match != "id"), r => Assert.True(r.Recall >= 0.99 && r.Precision >= 0.99, $"{r.Rule}/{r.Match}: {r}"));
        var events = TopicReader.ReadToEnd(hub.Kafka, hub.Registry, TopicCatalog.GapEvents, $"takeover-events-{Guid.NewGuid():N}", TimeSpan.FromSeconds(60));
        Assert.Equal(cases.Select(c => c.CaseId).Order(StringComparer.Ordinal), events.Select(e => e.Key!).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal("opened", e.Value["kind"]));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: checked");
    }

    /// <summary>The city's shipped feed definitions pointed at its folders, and the bulk feed (the benchmark's contributions layout on a test topic).</summary>
    private static string WriteFeeds(string directory, string city, out string bulkCsv)
    {
        var feeds = Directory.CreateDirectory(Path.Combine(directory, "feeds")).FullName;
        foreach (var layout in CityFeedLayout.All)
        {
            var yaml = File.ReadAllText(ShippedFeeds.Path(layout.DefinitionPath));
            yaml = Regex.Replace(yaml, @"^  path: .*$", $"  path: {Path.Combine(city, layout.Folder)}/*.csv", RegexOptions.Multiline);
            File.WriteAllText(Path.Combine(feeds, layout.Folder.Replace('/', '-') + ".yaml"), yaml);
        }
        bulkCsv = Path.Combine(directory, "bulk-contributions.csv");
        ContributionCsv.Write(bulkCsv, BulkRecords, seed: 5, withInvalid: false);
        var bulk = File.ReadAllText(ContributionFeed.DefinitionPath)
            .Replace("name: tax.contributions", $"name: {BulkFeed}")
            .Replace("topic: mi.tax.contribution.v1", $"topic: {BulkTopic}");
        bulk = Regex.Replace(bulk, @"^  path: .*$", $"  path: {bulkCsv}", RegexOptions.Multiline);
        File.WriteAllText(Path.Combine(feeds, "bulk-contributions.yaml"), bulk);
        return feeds;
    }

    private static List<string> CsvRows(string csv) => File.ReadLines(csv).Skip(1).Select(l => l.Split(','))
        .Select(f => $"{f[0]}|{f[4]}|{f[6][..4]}-{f[6][4..6]}-{f[6][6..8]}").Order(StringComparer.Ordinal).ToList();

    private static Dictionary<string, long> CityLinesByTopic(string city) => CityFeedLayout.All
        .Select(l => (Topic: ShippedFeeds.Load(l.DefinitionPath).Target.Topic, Folder: Path.Combine(city, l.Folder)))
        .Where(l => Directory.Exists(l.Folder))
        .GroupBy(l => l.Topic)
        .ToDictionary(g => g.Key, g => g.Sum(l => Directory.GetFiles(l.Folder, "*.csv").Sum(f => (long)File.ReadLines(f).Count() - 1)));

    private static async Task<long> WaitForBulkCheckpointAsync(EmbeddedHub hub, IReadOnlyList<ServeProcess> children, long minimumLine, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (children.FirstOrDefault(c => c.HasExited) is { } child)
                throw new InvalidOperationException($"{child.Name} exited before the bulk checkpoint reached line {minimumLine}:\n{child.Tail()}");
            await using (var connection = hub.Database.Open())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COALESCE(MAX(last_line), 0) FROM feed_checkpoint WHERE feed = '{BulkFeed}' AND completed = 0";
                var line = (long)(await command.ExecuteScalarAsync())!;
                if (line >= minimumLine) return line;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"the bulk checkpoint did not reach line {minimumLine} within {timeout}:\n{string.Join("\n", children.Select(c => c.Tail()))}");
    }

    private static async Task WaitForSucceededAsync(EmbeddedHub hub, FeedWorkItem request, ServeProcess survivor, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var runs = await hub.State.RecentRunsAsync(request.Feed, 20);
            if (runs.Any(r => r.Trigger == request.RunTrigger && r.Status == "succeeded")) return;
            if (runs.FirstOrDefault(r => r.Trigger == request.RunTrigger && r.Status == "failed") is { } failed)
                throw new InvalidOperationException($"{request.Feed} failed: {failed.Error}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"{request.Feed} ({request.WorkId}) did not succeed within {timeout}:\n{survivor.Tail()}");
    }
}
