using DataHub.Schemas.Avro;
using DataHub.Benchmarks;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Tests.Pipeline;

/// <summary>`deadletters replay`: lines a fixed file now gets right are published once and marked replayed; the others stay dead letters.</summary>
public sealed class DeadLetterReplayTests
{
    private const string Topic = "test.contribution.replay.v1";

    [Fact]
    public async Task A_fixed_source_publishes_the_lines_that_now_pass_and_leaves_the_rest()
    {
        await using var hub = await EmbeddedHub.StartAsync();
        hub.Cluster.CreateTopic(Topic, 4);
        var (definition, csv, good) = ContributionFeed.Write(hub.Directory, Topic, 3_000);
        var feed = ContributionFeed.Load(definition);
        await new FeedRunner(hub.Kafka, hub.Registry, hub.State, NullLogger<FeedRunner>.Instance).RunAsync(feed, [csv], "test");
        var deadLetters = await hub.State.PendingDeadLettersAsync(feed.Name, "contributions.csv");
        Assert.Equal([1001L, 2001L, 3001L], deadLetters.Select(d => d.Line)); // every 1000th record, after the header line

        // The department fixes the IDs, but line 3001 now has a broken amount.
        var fixedDirectory = Directory.CreateDirectory(Path.Combine(hub.Directory, "fixed")).FullName;
        var fixedCsv = Path.Combine(fixedDirectory, "contributions.csv");
        ContributionCsv.Write(fixedCsv, 3_000, withInvalid: false);
        var lines = await File.ReadAllLinesAsync(fixedCsv);
        var fields = lines[3000].Split(',');
        fields[5] = "12.345";
        lines[3000] = string.Join(',', fields);
        await File.WriteAllLinesAsync(fixedCsv, lines);

        var replayer = new DeadLetterReplayer(hub.Kafka, hub.Registry, hub.State, NullLogger<DeadLetterReplayer>.Instance);
        var result = await replayer.ReplayAsync(feed, fixedCsv);
        Assert.Equal(3, result.Pending);
        Assert.Equal(2, result.Replayed);
        Assert.Equal(3001, Assert.Single(result.StillRejected).Line);
        Assert.Equal("amount", result.StillRejected[0].Error.Field);
        Assert.Empty(result.Missing);

        var stored = await hub.State.DeadLettersAsync(feed.Name, 100);
        Assert.Equal([1001L, 2001L], stored.Where(d => d.ReplayedAt is not null).Select(d => d.Line).Order());
        Assert.Equal(3001, Assert.Single(await hub.State.PendingDeadLettersAsync(feed.Name, null)).Line);

        var again = await replayer.ReplayAsync(feed, fixedCsv);
        Assert.Equal(0, again.Replayed); // replayed lines are not published twice

        var records = TopicReader.ReadToEnd(hub.Kafka, hub.Registry, Topic, $"replay-{Guid.NewGuid():N}", TimeSpan.FromSeconds(30));
        Assert.Equal(good + 2, records.Count);
        var replayed = records.Where(r => r.Headers.ContainsKey(RecordHeaders.Replayed)).ToList();
        Assert.Equal([1001L, 2001L], replayed.Select(r => r.Origin!.Line).Order());
        Assert.All(replayed, r => Assert.Equal(OriginField.SourceIdOf(deadLetters[0].SourceHash), r.Origin!.SourceId));
    }
}
