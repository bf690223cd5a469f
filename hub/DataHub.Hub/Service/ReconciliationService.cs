using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using DataHub.Reconciliation.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataHub.Hub.Service;

/// <summary>
/// Reconciliation in `datahub serve`: one run at a time on this instance (the Quartz job and
/// POST /api/reconciliation/runs share the gate), over the partitions the group gave this instance.
/// Settings from the Reconciliation section, read at each run.
/// </summary>
public sealed class ReconciliationService(HubRuntimeService runtime, HubGroupMember group, IConfiguration configuration,
    IOptions<ScaleOutOptions> scaleOut, ILoggerFactory loggers)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _log = loggers.CreateLogger<ReconciliationService>();

    /// <summary>Runs now; throws <see cref="ReconciliationBusyException"/> when a run is already going on this instance.</summary>
    public async Task<ReconciliationRun> RunAsync(string trigger, CancellationToken ct)
    {
        if (!await _gate.WaitAsync(0, ct)) throw new ReconciliationBusyException();
        try
        {
            try { await group.WaitForAssignmentAsync(TimeSpan.FromSeconds(60), ct); }
            catch (TimeoutException) { _log.LogWarning("Reconcile: the group gave this instance no partitions within 60 s; the run covers nothing"); }
            var options = configuration.GetSection(ReconciliationOptions.Section).Get<ReconciliationOptions>() ?? new ReconciliationOptions();
            return await Runner().RunAsync(options, trigger, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<ReconciliationRunRecord> RecentRuns(int limit) => new ReconciliationRunHistory(runtime.Runtime.Database).Recent(limit);

    private ReconciliationRunner Runner()
    {
        var hub = runtime.Runtime;
        return new ReconciliationRunner(hub.Kafka, hub.Registry, hub.Database, loggers, group, scaleOut.Value, GapCaseStores.Open(hub.Store));
    }
}

public sealed class ReconciliationBusyException() : Exception("a reconciliation run is already going on this instance");
