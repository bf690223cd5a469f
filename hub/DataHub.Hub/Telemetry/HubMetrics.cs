using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DataHub.Hub.Telemetry;

/// <summary>
/// Every metric the hub emits, on the Meter "DataHub" (exported to Prometheus by `datahub serve` as
/// datahub_feed_records_read_total etc.), and the ActivitySource "DataHub" for traces. One instance per host.
/// </summary>
public sealed class HubMetrics : IDisposable
{
    public const string MeterName = "DataHub";
    public const string ActivitySourceName = "DataHub";

    /// <summary>Spans around feed runs (and whatever else the hub traces).</summary>
    public static readonly ActivitySource Activities = new(ActivitySourceName);

    private readonly Meter _meter;
    private readonly Counter<long> _read;
    private readonly Counter<long> _published;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;
    private readonly Counter<long> _gapsOpened;
    private readonly Counter<long> _gapsClosed;
    private readonly ConcurrentDictionary<(string Group, string Topic), long> _lag = new();

    public HubMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _read = _meter.CreateCounter<long>("datahub.feed.records.read", "{record}", "Source records read by a feed");
        _published = _meter.CreateCounter<long>("datahub.feed.records.published", "{record}", "Records published to the feed's topic");
        _rejected = _meter.CreateCounter<long>("datahub.feed.records.rejected", "{record}", "Records rejected to the dead-letter topic");
        _runs = _meter.CreateCounter<long>("datahub.feed.runs", "{run}", "Feed runs finished, by status");
        _runDuration = _meter.CreateHistogram<double>("datahub.feed.run.duration", "s", "How long a feed run took");
        _gapsOpened = _meter.CreateCounter<long>("datahub.reconciliation.gaps.opened", "{gap}", "Enrolment gaps opened, by rule");
        _gapsClosed = _meter.CreateCounter<long>("datahub.reconciliation.gaps.closed", "{gap}", "Enrolment gaps closed, by rule");
        _meter.CreateObservableGauge("datahub.consumer.lag", ObserveLag, "{message}", "Messages a consumer group has yet to read, by topic");
    }

    /// <summary>Counts a feed's progress since its last report (the runner calls it at each checkpoint).</summary>
    public void Progress(string feed, long read, long published, long rejected)
    {
        var tag = new KeyValuePair<string, object?>("feed", feed);
        if (read > 0) _read.Add(read, tag);
        if (published > 0) _published.Add(published, tag);
        if (rejected > 0) _rejected.Add(rejected, tag);
    }

    public void RunFinished(string feed, string status, TimeSpan duration)
    {
        var tags = new TagList { { "feed", feed }, { "status", status } };
        _runs.Add(1, tags);
        _runDuration.Record(duration.TotalSeconds, tags);
    }

    public void GapOpened(string rule, long count = 1) => _gapsOpened.Add(count, new KeyValuePair<string, object?>("rule", rule));

    public void GapClosed(string rule, long count = 1) => _gapsClosed.Add(count, new KeyValuePair<string, object?>("rule", rule));

    /// <summary>The latest lag of a consumer group on a topic (reported by whoever consumes; read at each scrape).</summary>
    public void SetConsumerLag(string group, string topic, long lag) => _lag[(group, topic)] = lag;

    private IEnumerable<Measurement<long>> ObserveLag() =>
        _lag.Select(l => new Measurement<long>(l.Value, new KeyValuePair<string, object?>("group", l.Key.Group), new KeyValuePair<string, object?>("topic", l.Key.Topic)));

    /// <summary>Per-file progress reporter: turns running totals into deltas for <see cref="Progress"/>.</summary>
    public FeedProgressMeter ForFeed(string feed) => new(this, feed);

    public void Dispose() => _meter.Dispose();
}

/// <summary>Reports a file's running totals as increments, so each checkpoint adds only what is new.</summary>
public sealed class FeedProgressMeter(HubMetrics metrics, string feed)
{
    private long _read, _published, _rejected;

    public void Report(long read, long published, long rejected)
    {
        metrics.Progress(feed, read - _read, published - _published, rejected - _rejected);
        (_read, _published, _rejected) = (read, published, rejected);
    }
}
