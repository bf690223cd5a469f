using DataHub.Hub.Pipeline;
using DataHub.Hub.Store;

namespace DataHub.Tests.Pipeline;

public sealed class AckTrackerTests
{
    private static readonly PartitionLayout Layout = new([("target", 2), ("dead", 1)]);

    [Fact]
    public void A_failed_delivery_stops_the_safe_line_where_it_was()
    {
        var tracker = new AckTracker(0, chunkSize: 2, Layout, [new("target", 0, 10), new("target", 1, 20), new("dead", 0, 5)]);
        var first = tracker.Sending(1);
        tracker.Sending(2);
        var second = tracker.Sending(3);
        tracker.Sending(4);
        tracker.SealAll();
        tracker.Ack(first, null, Layout.Slot(0, 0), 10);
        tracker.Ack(first, null, Layout.Slot(0, 1), 20);
        Assert.Equal(2, tracker.SafeLine);
        tracker.Ack(second, "Local_MsgTimedOut", Layout.Slot(0, 0), -1);
        tracker.Ack(second, null, Layout.Slot(1, 0), 5);
        Assert.Equal(2, tracker.SafeLine);
        Assert.Equal("Local_MsgTimedOut", tracker.FirstError);
        Assert.Equal([new("target", 0, 11), new("target", 1, 21), new("dead", 0, 5)], tracker.ResumeFrom!);
    }

    [Fact]
    public void Resume_offsets_advance_only_with_the_safe_line()
    {
        var tracker = new AckTracker(100, chunkSize: 1, Layout, []);
        var a = tracker.Sending(101);
        var b = tracker.Sending(102);
        tracker.SealAll();
        tracker.Ack(b, null, Layout.Slot(0, 1), 7); // acknowledged out of order: line 101 still pending
        Assert.Equal(100, tracker.SafeLine);
        Assert.Equal(new PartitionOffset("target", 1, 0), tracker.ResumeFrom![1]);
        tracker.Ack(a, null, Layout.Slot(0, 0), 3);
        Assert.Equal(102, tracker.SafeLine);
        Assert.Equal([new("target", 0, 4), new("target", 1, 8), new("dead", 0, 0)], tracker.ResumeFrom!);
    }

    [Fact]
    public void A_batch_is_safe_once_its_tracked_records_are_acknowledged_in_any_order()
    {
        var tracker = new AckTracker(0, layout: Layout, resumeFrom: []);
        var first = tracker.Batch(lastLine: 1024, expectedAcks: 2);
        var second = tracker.Batch(lastLine: 2048, expectedAcks: 1);
        var resumed = tracker.Batch(lastLine: 3072, expectedAcks: 0); // every line found already acknowledged
        tracker.Ack(second, null, Layout.Slot(0, 0), 900);
        Assert.Equal(0, tracker.SafeLine);
        tracker.Ack(first, null, Layout.Slot(0, 1), 500);
        Assert.Equal(0, tracker.SafeLine);
        tracker.Ack(first, null, Layout.Slot(1, 0), 40);
        Assert.Equal(3072, tracker.SafeLine);
        Assert.True(tracker.AllAcknowledged);
        Assert.Equal([new("target", 0, 901), new("target", 1, 501), new("dead", 0, 41)], tracker.ResumeFrom!);
        Assert.Null(tracker.FirstError);
        _ = resumed;
    }
}
