using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace DataHub.Tests.Pipeline;

/// <summary>Every broker of the embedded cluster goes down mid-run and comes back: the run waits, then finishes with every record exactly once.</summary>
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    private const string Topic = "test.contribution.outage.v1";
    private const int Partitions = 8;
    /// <summary>Data rows (line 1 is the header); small enough that no partition outgrows the embedded cluster's ~5 MB.</summary>
    private const int Rows = 200_000;

    [Fact]
    public async Task A_run_waits_out_a_cluster_outage_and_publishes_every_record_exactly_once()
    {
        await using var hub = await EmbeddedHub.StartAsync();
        hub.Cluster.CreateTopic(Topic, Partitions);
        var (definition, csv, good) = ContributionFeed.Write(hub.Directory, Topic, Rows);
        var feed = ContributionFeed.Load(definition);
        // Checkpointing after every batch, the run reports progress from its own loop: the brokers go down inside that
        // report, so the outage always lands mid-file however fast this machine publishes.
        var runner = new FeedRunner(hub.Kafka, hub.Registry, hub.State, NullLogger<FeedRunner>.Instance) { CheckpointEvery = TimeSpan.Zero };
        var outage = new ActAtRecord(fromRecord: 20_000, lastRecord: Rows, () =>
        {
            for (var broker = 1; broker <= hub.Cluster.BrokerCount; broker++) hub.Cluster.SetBrokerDown(broker);
        });
        var source = await SourceHash.OfFileAsync(csv, CancellationToken.None);

        var run = Task.Run(() => runner.RunAsync(feed, [csv], "test", outage));
        await outage.WaitAsync(run, TimeSpan.FromSeconds(60));
        var before = await CheckpointLineAsync(hub, feed.Name, source);
        Assert.True(before < Rows + 1, $"the whole file was acknowledged (checkpoint at line {before}) before the outage could be staged");
        output.WriteLine($"all brokers down at checkpoint line {before}");
        await Task.Delay(1500);
        var whileDown = await CheckpointLineAsync(hub, feed.Name, source);
        await Task.Delay(2500);
        var stillDown = await CheckpointLineAsync(hub, feed.Name, source);
        Assert.False(run.IsCompleted, "the run ended while every broker was down");
        Assert.Equal(whileDown, stillDown); // nothing is acknowledged while the brokers are down, so the checkpoint cannot move
        for (var broker = 1; broker <= hub.Cluster.BrokerCount; broker++) hub.Cluster.SetBrokerUp(broker);
        output.WriteLine($"brokers back up; checkpoint stayed at {stillDown}");

        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(good, result.Published);
        Assert.All(hub.LowWatermarks(Topic, Partitions), low => Assert.Equal(0, low));
        var lines = new HashSet<long>();
        var count = TopicReader.ReadToEnd(hub.Kafka, hub.Registry, Topic, $"outage-{Guid.NewGuid():N}", TimeSpan.FromSeconds(60),
            r => lines.Add(r.Origin!.Line));
        Assert.Equal(good, count);
        Assert.Equal(good, lines.Count);
    }

    private static async Task<long> CheckpointLineAsync(EmbeddedHub hub, string feed, string source) =>
        (await hub.State.GetCheckpointAsync(feed, source, hub.Kafka.ClusterIdentity))?.LastLine ?? 0;
}
