using System.Text.Json;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using DataHub.Hub.Store;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using DataHub.Schemas.Topics;
using DataHub.Tests.Reconciliation;
using DataHub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace DataHub.Tests.ScaleOut;

/// <summary>
/// Two instances, each reconciling half of the partitions into one shared store, produce exactly what one
/// instance produces over the whole registry: the same cases, the same events, none twice, none lost — on a
/// generated city with newborns enrolled on the certificate and pupils listed under their guardian, whose
/// rows sit in other partitions than the child's.
/// </summary>
public sealed class PartitionedReconciliationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_on_three_partitions_each_produce_exactly_the_single_instance_result()
    {
        await using var hub = await HubHarness.StartAsync();
        var city = CityHub.Generate(hub, 3_000, 31);
        var single = CityHub.Runner(hub);
        await new CityAccuracyRun(hub.NewRunner(), single).PublishAsync(city, CityHub.FeedsDirectory);
        var options = new ReconciliationOptions { AsOf = CitySettings.DefaultAsOf };
        var whole = await single.RunAsync(options, "test");

        var shared = SqliteDatabase.InDirectory(hub.Directory, "two-instances.db");
        var scaleOut = new ScaleOutOptions { PeerStallSeconds = 1 };
        ReconciliationRunner Instance(params int[] partitions) => new(hub.Runtime.Kafka, hub.Runtime.Registry, shared, NullLoggerFactory.Instance,
            new FixedPartitionOwner(ReconcileScope.Of(partitions)), scaleOut);
        var (first, second) = (Instance(0, 1, 2), Instance(3, 4, 5));
        // One after the other: the first must materialise the second's partitions itself (stalled owner), and the
        // second must not auto-close the first's cases although it never looked at them.
        var a = await first.RunAsync(options, "test");
        var b = await second.RunAsync(options, "test");
        output.WriteLine($"whole: {whole.Gaps.Count} gaps, {whole.EventsPublished} events; A {a.Gaps.Count}/{a.EventsPublished}; B {b.Gaps.Count}/{b.EventsPublished}");

        Assert.Equal("succeeded", whole.Status);
        Assert.Equal(("succeeded", "succeeded"), (a.Status, b.Status));
        Assert.NotEmpty(a.Gaps);
        Assert.NotEmpty(b.Gaps);
        Assert.Empty(a.Gaps.Select(g => g.Identity).Intersect(b.Gaps.Select(g => g.Identity)));
        Assert.Equal(Describe(whole.Gaps), Describe([.. a.Gaps, .. b.Gaps]));
        Assert.Equal(Cases(single.Cases), Cases(first.Cases));
        Assert.Equal(0, a.Cases.Closed + b.Cases.Closed);
        Assert.Equal(whole.EventsPublished, a.EventsPublished + b.EventsPublished);
        Assert.Empty(first.Cases.PendingEvents());

        // The awkward matches are in the result, and their rows are in other partitions than the child.
        Assert.Contains(whole.Gaps, g => g.Rule == RuleIds.Student && g.MatchedBy == MatchKind.Parent);
        Assert.Contains(whole.Gaps, g => g.Rule == RuleIds.Newborn && g.MatchedBy == MatchKind.Certificate);
        Assert.True(CertificateEnrolmentsOutsideTheChildsPartition(single.Registries) > 0, "no newborn enrolment on a certificate sits outside the child's partition");

        // On the gap-event topic: each case's event once from the single run and once from the pair.
        var events = hub.ReadTopic(TopicCatalog.GapEvents);
        var pairRuns = new[] { a.RunId, b.RunId };
        var fromPair = events.Where(e => pairRuns.Contains((string)e.Value["runId"]!)).Select(e => (e.Key!, (string)e.Value["kind"])).ToList();
        var fromSingle = events.Where(e => (string?)e.Value["runId"] == whole.RunId).Select(e => (e.Key!, (string)e.Value["kind"])).ToList();
        Assert.Equal(whole.EventsPublished, fromSingle.Count);
        Assert.Equal(fromSingle.Order(), fromPair.Order());
        Assert.Equal(fromPair.Count, fromPair.Distinct().Count());

        // Both again, at the same time: nothing changes, nothing is published.
        var again = await Task.WhenAll(first.RunAsync(options, "test"), second.RunAsync(options, "test"));
        Assert.All(again, r => Assert.Equal((0, 0, 0, 0), (r.Cases.Opened, r.Cases.Changed, r.Cases.Closed, r.EventsPublished)));
        Assert.Equal(whole.Gaps.Count, again.Sum(r => r.Cases.Unchanged));
    }

    private static List<string> Describe(IEnumerable<Gap> gaps) =>
        gaps.Select(g => $"{g.Identity}|{g.Region}|{g.MatchedBy}|{g.Summary}|{JsonSerializer.Serialize(g.Evidence)}").Order(StringComparer.Ordinal).ToList();

    private static List<string> Cases(IGapCaseStore cases) =>
        cases.Cases().Select(c => $"{c.CaseId}|{c.Person}|{c.Rule}|{c.Period}|{c.Region}|{c.Status}|{c.Summary}|{c.MatchedBy}|{JsonSerializer.Serialize(c.Evidence)}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Enrolments without the child's ID whose Kafka partition differs from the child's (found through the birth with that certificate).</summary>
    private static int CertificateEnrolmentsOutsideTheChildsPartition(IRegistryStore store)
    {
        var childByCertificate = store.Read(TopicCatalog.Births)
            .Select(b => JsonSerializer.Deserialize<Dictionary<string, string?>>(b.Payload)!)
            .Where(b => !string.IsNullOrEmpty(b["birthCertificateNo"]))
            .ToDictionary(b => b["birthCertificateNo"]!, b => b["residentId"]!);
        return store.Read(TopicCatalog.Enrolments).Count(e =>
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(e.Payload)!;
            return string.IsNullOrEmpty(values["residentId"]) && values["birthCertificateNo"] is { Length: > 0 } certificate
                && childByCertificate.TryGetValue(certificate, out var child) && PersonPartitioner.OfResident(child) != e.Partition;
        });
    }
}
