using System.Collections.Concurrent;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Telemetry;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Service;

/// <summary>Runs a catalogued feed on demand or on schedule; one run of a feed at a time per instance.</summary>
public sealed class FeedRunService(FeedCatalog catalog, HubRuntimeService runtime, HubMetrics metrics, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new();
    private readonly ILogger _logger = loggers.CreateLogger<FeedRunService>();

    /// <summary>The run's result; null when the feed is unknown. Throws <see cref="FeedBusyException"/> when the feed is already running here.</summary>
    public async Task<FeedRunResult?> RunAsync(string feedName, string trigger, CancellationToken ct)
    {
        var feed = catalog.Find(feedName);
        if (feed is null) return null;
        var gate = _running.GetOrAdd(feed.Name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct)) throw new FeedBusyException(feed.Name);
        try
        {
            var files = SourceFiles.Resolve(feed);
            _logger.LogInformation("{Feed}: run ({Trigger}) over {Count} file(s)", feed.Name, trigger, files.Count);
            var hub = runtime.Runtime;
            var runner = new FeedRunner(hub.Kafka, hub.Registry, hub.FeedState, loggers.CreateLogger<FeedRunner>(), metrics: metrics);
            return await runner.RunAsync(feed, files, trigger, ct: ct);
        }
        finally
        {
            gate.Release();
        }
    }
}

public sealed class FeedBusyException(string feed) : Exception($"{feed} is already running on this instance");
