using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace DataHub.Tests.Pipeline;

/// <summary>
/// A batch the cluster refuses for good (not a retriable error) stops the run loudly instead of leaving a silent gap:
/// the producer keeps the gap-less guarantee, so a later record is never acknowledged past a lost one, the checkpoint
/// stays below the loss, and running the file again publishes every good record exactly once.
/// </summary>
public sealed class ProduceFailureTests(ITestOutputHelper output)
{
    private const string Topic = "test.contribution.refused.v1";
    private const int Partitions = 4;
    private const short ProduceApi = 0;
    private const int InvalidRecord = 87; // a permanent error: librdkafka does not retry it
    private const int Records = 200_000;

    [Fact]
    public async Task A_refused_batch_fails_the_run_and_a_rerun_publishes_every_record_exactly_once()
    {
        await using var hub = await EmbeddedHub.StartAsync();
        hub.Cluster.CreateTopic(Topic, Partitions);
        var (definition, csv, good) = ContributionFeed.Write(hub.Directory, Topic, Records);
        var feed = ContributionFeed.Load(definition);
        var hash = await SourceHash.OfFileAsync(csv, CancellationToken.None);

        // Small producer batches, so that a refused one usually holds none of the records that carry a delivery
        // handler (the last of each partition in a batch of the runner's): only the gap-less guarantee reports it then.
        var smallBatches = hub.Kafka with { ClientSettings = new Dictionary<string, string> { ["batch.num.messages"] = "50", ["linger.ms"] = "2" } };
        // The refusal is staged from inside the run's own progress report, so it always lands mid-file.
        var refusal = new ActAtRecord(fromRecord: 10_000, lastRecord: Records, () => hub.Cluster.FailNextRequests(ProduceApi, InvalidRecord));
        var runner = new FeedRunner(smallBatches, hub.Registry, hub.State, NullLogger<FeedRunner>.Instance) { CheckpointEvery = TimeSpan.Zero };
        var first = Task.Run(() => runner.RunAsync(feed, [csv], "test", refusal));
        await refusal.WaitAsync(first, TimeSpan.FromSeconds(60));
        var failure = await Assert.ThrowsAsync<KafkaDeliveryException>(() => first.WaitAsync(TimeSpan.FromSeconds(120)));
        output.WriteLine(failure.Message);
        Assert.Contains("gap", failure.Message, StringComparison.OrdinalIgnoreCase);
        var checkpoint = await hub.State.GetCheckpointAsync(feed.Name, hash, hub.Kafka.ClusterIdentity);
        Assert.False(checkpoint!.Completed);
        output.WriteLine($"the failed run's checkpoint stayed at line {checkpoint.LastLine}");

        var second = await new FeedRunner(hub.Kafka, hub.Registry, hub.State, NullLogger<FeedRunner>.Instance).RunAsync(feed, [csv], "test");
        Assert.True(second.Published > 0);
        var lines = new List<long>();
        var count = TopicReader.ReadToEnd(hub.Kafka, hub.Registry, Topic, $"refused-{Guid.NewGuid():N}", TimeSpan.FromSeconds(60), r => lines.Add(r.Origin!.Line));
        Assert.Equal(good, count);
        Assert.Equal(good, lines.Distinct().Count());
    }
}
