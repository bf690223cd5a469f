using DataHub.Hub.Store;

namespace DataHub.Tests.Store;

/// <summary>What every <see cref="IFeedStateStore"/> must do; a subclass per store runs it. Names are unique per test, so a shared database works.</summary>
public abstract class FeedStateStoreContract
{
    protected abstract IFeedStateStore Store { get; }

    private readonly string _feed = "contract-" + Guid.NewGuid().ToString("N")[..12];
    private static readonly DateTimeOffset At = new(2026, 11, 3, 8, 30, 15, 123, TimeSpan.Zero);

    [StoreFact]
    public async Task Checkpoint_is_absent_then_saved_then_overwritten_per_cluster()
    {
        Assert.Null(await Store.GetCheckpointAsync(_feed, "hash-a", "kafka:one"));

        await Store.SaveCheckpointAsync(new SourceCheckpoint(_feed, "hash-a", "births-a.csv", "kafka:one", 10, false, At));
        Assert.Equal(new SourceCheckpoint(_feed, "hash-a", "births-a.csv", "kafka:one", 10, false, At),
            await Store.GetCheckpointAsync(_feed, "hash-a", "kafka:one"));

        await Store.SaveCheckpointAsync(new SourceCheckpoint(_feed, "hash-a", "renamed.csv", "kafka:one", 250, true, At.AddMinutes(1)));
        Assert.Equal(new SourceCheckpoint(_feed, "hash-a", "renamed.csv", "kafka:one", 250, true, At.AddMinutes(1)),
            await Store.GetCheckpointAsync(_feed, "hash-a", "kafka:one"));

        Assert.Null(await Store.GetCheckpointAsync(_feed, "hash-a", "kafka:two"));
        Assert.Null(await Store.GetCheckpointAsync(_feed, "hash-b", "kafka:one"));
    }

    [StoreFact]
    public async Task Checkpoints_list_newest_first_and_reset_per_cluster_and_source_name()
    {
        await Store.SaveCheckpointAsync(new SourceCheckpoint(_feed, "hash-a", "a.csv", "kafka:one", 10, true, At));
        await Store.SaveCheckpointAsync(new SourceCheckpoint(_feed, "hash-b", "b.csv", "kafka:one", 20, false, At.AddMinutes(2)));
        await Store.SaveCheckpointAsync(new SourceCheckpoint(_feed, "hash-a", "a.csv", "kafka:two", 30, true, At.AddMinutes(1)));
        await Store.SaveCheckpointAsync(new SourceCheckpoint(_feed + "-other", "hash-a", "a.csv", "kafka:one", 40, true, At));

        Assert.Equal(["b.csv", "a.csv"], (await Store.CheckpointsAsync(_feed, "kafka:one")).Select(c => c.SourceName));
        Assert.Equal([("hash-b", "kafka:one", 20L), ("hash-a", "kafka:two", 30L), ("hash-a", "kafka:one", 10L)],
            (await Store.CheckpointsAsync(_feed, null)).Select(c => (c.SourceHash, c.Cluster, c.LastLine)));

        Assert.Equal(1, await Store.DeleteCheckpointsAsync(_feed, "kafka:one", "a.csv"));
        Assert.Null(await Store.GetCheckpointAsync(_feed, "hash-a", "kafka:one"));
        Assert.NotNull(await Store.GetCheckpointAsync(_feed, "hash-b", "kafka:one"));
        Assert.NotNull(await Store.GetCheckpointAsync(_feed, "hash-a", "kafka:two")); // another cluster keeps its own
        Assert.Equal(0, await Store.DeleteCheckpointsAsync(_feed, "kafka:one", "a.csv"));

        Assert.Equal(1, await Store.DeleteCheckpointsAsync(_feed, "kafka:one", null));
        Assert.Empty(await Store.CheckpointsAsync(_feed, "kafka:one"));
        Assert.Single(await Store.CheckpointsAsync(_feed + "-other", "kafka:one")); // another feed keeps its own
    }

    [StoreFact]
    public async Task Runs_start_running_finish_with_counts_and_list_newest_first()
    {
        var first = await Store.StartRunAsync(_feed, "schedule");
        var second = await Store.StartRunAsync(_feed, "command line");
        await Store.StartRunAsync(_feed + "-other", "api");
        Assert.True(second > first);

        await Store.FinishRunAsync(new FeedRun(first, _feed, "schedule", default, At, "succeeded", 100, 97, 3, 1, null));
        await Store.FinishRunAsync(new FeedRun(second, _feed, "command line", default, At, "failed", 5, 4, 0, 0, "Kafka did not acknowledge"));

        var runs = await Store.RecentRunsAsync(_feed, 10);
        Assert.Equal([second, first], runs.Select(r => r.Id));
        var done = runs[1];
        Assert.Equal(("schedule", "succeeded", 100L, 97L, 3L, 1L, (string?)null, (DateTimeOffset?)At),
            (done.Trigger, done.Status, done.Read, done.Published, done.Rejected, done.Skipped, done.Error, done.FinishedAt));
        Assert.Equal("Kafka did not acknowledge", runs[0].Error);
        Assert.Single(await Store.RecentRunsAsync(_feed, 1));

        var running = Assert.Single(await Store.RecentRunsAsync(_feed + "-other", 10));
        Assert.Equal(("running", (DateTimeOffset?)null, "api"), (running.Status, running.FinishedAt, running.Trigger));
        Assert.Contains(await Store.RecentRunsAsync(null, 1000), r => r.Id == first);
    }

    [StoreFact]
    public async Task Dead_letters_are_kept_once_per_feed_source_and_line_and_listed_in_order()
    {
        var run = await Store.StartRunAsync(_feed, "test");
        await Store.AddDeadLettersAsync([Entry(1, "residentId", "bad check digit", run), Entry(2, null, "too few columns", run)]);
        await Store.AddDeadLettersAsync([Entry(2, "sex", "a second reason for the same line", run), Entry(3, "sex", "not 1|2|9", null)]);
        await Store.AddDeadLettersAsync([]);

        var letters = await Store.DeadLettersAsync(_feed, 100);
        Assert.Equal([1L, 2L, 3L], letters.Select(l => l.Line));
        Assert.Equal("too few columns", letters[1].Reason);
        Assert.Null(letters[1].Field);
        Assert.Equal(Entry(1, "residentId", "bad check digit", run) with { Id = letters[0].Id }, letters[0]);
        Assert.Null(letters[2].RunId);
        Assert.True(letters[0].Id < letters[1].Id);
        Assert.Equal(2, (await Store.DeadLettersAsync(_feed, 2)).Count);

        await Store.AddDeadLettersAsync([Entry(1, "residentId", "same line, other source", run) with { SourceHash = "hash-other" }]);
        Assert.Equal(4, (await Store.DeadLettersAsync(_feed, 100)).Count);
        Assert.Empty(await Store.DeadLettersAsync(_feed + "-none", 100));
    }

    private DeadLetterEntry Entry(long line, string? field, string reason, long? run) =>
        new(_feed, "hash-a", "births-a.csv", line, field, field is null ? null : "1101**********123X", reason, "mi.household.birth.v1", At, run);
}
