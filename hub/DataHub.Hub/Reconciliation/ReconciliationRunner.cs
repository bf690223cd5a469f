using System.Diagnostics;
using Confluent.SchemaRegistry;
using DataHub.Hub.Kafka;
using DataHub.Hub.ScaleOut;
using DataHub.Hub.Store;
using DataHub.Hub.Telemetry;
using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;
using DataHub.Reconciliation.Invoices;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Reconciliation;

/// <summary>What one reconciliation run did. <see cref="Gaps"/> are the gaps of the run's share (all of them for a whole-registry run).</summary>
public sealed record ReconciliationRun(string RunId, string Status, MaterialiseResult Materialised, ReconciliationResult Result,
    CaseApplyResult Cases, int EventsPublished, TimeSpan LoadTime, TimeSpan Elapsed, IReadOnlyList<Gap> Gaps, string Scope);

/// <summary>
/// One reconciliation run: materialise the registry topics into the store, load the registries (and the ledger's
/// fund-paid invoices, for the invoice cross-checks) into memory, run the rules, apply the gaps to the cases,
/// publish the case events. `datahub reconcile` calls it on demand, the Quartz job of `datahub serve` on its
/// cron — the seam is this one method. With scale-out the run covers the partitions the owner
/// holds (<see cref="ReconcileScope"/>): it materialises its own topic-partitions, waits for the other instances
/// to bring theirs to the ends it saw (taking over one that makes no progress), loads its share, and applies and
/// publishes only its own people's cases.
/// A run whose materialiser found records dropped before they were read ends with status "data-lost".
/// The registries, the run history, the invoice ledger and the gap cases are the <see cref="HubStore"/>'s (SQLite or SQL Server).
/// </summary>
public sealed class ReconciliationRunner
{
    private readonly KafkaConnection _kafka;
    private readonly ISchemaRegistryClient _registry;
    private readonly HubStore _store;
    private readonly ILoggerFactory _loggers;
    private readonly ScaleOutOptions? _scaleOut;
    private readonly HubMetrics? _metrics;
    private readonly ILogger _log;
    private readonly IPartitionOwner _owner;
    private readonly IReconciliationRunStore _history;

    public ReconciliationRunner(KafkaConnection kafka, ISchemaRegistryClient registry, HubStore store, ILoggerFactory loggers,
        IPartitionOwner? owner = null, ScaleOutOptions? scaleOut = null, HubMetrics? metrics = null)
    {
        _kafka = kafka;
        _registry = registry;
        _store = store;
        _loggers = loggers;
        _scaleOut = scaleOut;
        _metrics = metrics;
        _log = loggers.CreateLogger<ReconciliationRunner>();
        _owner = owner ?? WholeRegistryOwner.Instance;
        _history = store.ReconciliationRuns;
        Registries = store.MaterialisedRegistries;
        Cases = GapCaseStores.Open(store);
    }

    /// <summary>A runner on one SQLite store (tests, the officers' demo).</summary>
    public ReconciliationRunner(KafkaConnection kafka, ISchemaRegistryClient registry, SqliteDatabase database, ILoggerFactory loggers,
        IPartitionOwner? owner = null, ScaleOutOptions? scaleOut = null, HubMetrics? metrics = null)
        : this(kafka, registry, HubStore.ForSqlite(database), loggers, owner, scaleOut, metrics)
    {
    }

    /// <summary>The gap cases, in the store's provider (SQLite or SQL Server).</summary>
    public IGapCaseStore Cases { get; }
    public IRegistryStore Registries { get; }

    public async Task<ReconciliationRun> RunAsync(ReconciliationOptions options, string trigger, CancellationToken ct = default)
    {
        var cases = Cases;
        var watch = Stopwatch.StartNew();
        var runId = $"R-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var scope = _owner.Current;
        var asOf = options.ResolveAsOf();
        _history.Started(runId, trigger, asOf, scope.ToString());
        using var activity = HubMetrics.Activities.StartActivity("reconcile run");
        activity?.SetTag("datahub.run", runId).SetTag("datahub.trigger", trigger).SetTag("datahub.scope", scope.ToString());
        try
        {
            if (scope.IsEmpty)
            {
                // More instances than partitions, or the group has not assigned this one yet: nothing is ours to do.
                _log.LogWarning("Run {Run}: this instance holds no partitions; nothing to reconcile here", runId);
                _history.Finished(runId, "skipped", null, null, "this instance held no partitions", 0);
                return new ReconciliationRun(runId, "skipped", new MaterialiseResult(new Dictionary<string, long>(), []),
                    new ReconciliationEngine([]).Run(new RegistrySetBuilder().Build(), options), new CaseApplyResult(0, 0, 0, 0), 0,
                    TimeSpan.Zero, watch.Elapsed, [], scope.ToString());
            }
            var materialised = scope.IsWhole ? Materialise(ct) : await MaterialiseShareAsync(scope, ct);
            var load = Stopwatch.StartNew();
            var registries = StoreRegistryLoader.Load(Registries, scope);
            var claims = StoreFundClaimLoader.Load(_store.InvoiceLedger(_kafka.ClusterIdentity), options);
            var loadTime = load.Elapsed;
            // Claims of people outside the share find no enrolment here; their signals are dropped with the other
            // instances' people below, and raised by the instance that owns them.
            var result = new ReconciliationEngine([.. ReconciliationEngine.StandardRules, .. FundClaimRules.Over(claims)]).Run(registries, options);
            var held = scope.Intersect(_owner.Current);
            if (held.Partitions.Count < scope.Partitions.Count)
                _log.LogWarning("Run {Run}: a rebalance moved some partitions away during the run; applying only {Held} (the new owner reconciles the rest)", runId, held);
            Func<string, bool>? owns = held.IsWhole ? null : held.OwnsCasePerson;
            var gaps = owns is null ? result.Gaps : result.Gaps.Where(g => owns(g.Person)).ToList();
            var applied = cases.Apply(gaps, runId, DateTimeOffset.UtcNow, owns);
            var published = await new GapEventPublisher(_kafka, _registry, cases, _metrics).PublishPendingAsync(ct, owns);
            var lost = Registries.TakeUnreportedLosses(runId);
            var status = lost.Count > 0 ? "data-lost" : "succeeded";
            var problem = lost.Count > 0 ? "records dropped before materialisation: " + string.Join("; ", lost) : null;
            if (problem is not null) _log.LogError("Reconciliation run {Run} rests on incomplete registries: {Problem}", runId, problem);
            _history.Finished(runId, status, gaps.Count, applied, problem, published);
            _log.LogInformation("Run {Run} ({Scope}): {Gaps} gaps; cases opened {Opened}, changed {Changed}, closed {Closed}; {Events} events",
                runId, held, gaps.Count, applied.Opened, applied.Changed, applied.Closed, published);
            return new ReconciliationRun(runId, status, materialised with { Lost = lost }, result, applied, published, loadTime, watch.Elapsed, gaps, held.ToString());
        }
        catch (Exception e)
        {
            _history.Finished(runId, e is OperationCanceledException ? "cancelled" : "failed", null, null, e.Message, null);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    /// <summary>Brings the store's registries up to the topics' ends (also run after each feed, so the embedded cluster's small retention drops nothing unread).</summary>
    public MaterialiseResult Materialise(CancellationToken ct = default, IEnumerable<string>? topics = null, Func<string, int, bool>? partitions = null) =>
        new RegistryMaterialiser(_kafka, _registry, Registries, _loggers.CreateLogger<RegistryMaterialiser>(), _metrics).Run(ct, topics, partitions);

    /// <summary>This instance's topic-partitions, then every other one up to the end seen now (by its owner, or here when it stalls).</summary>
    private async Task<MaterialiseResult> MaterialiseShareAsync(ReconcileScope scope, CancellationToken ct)
    {
        var targets = RegistryWatermarks.Ends(_kafka);
        var own = Materialise(ct, null, scope.MaterialisesHere);
        var stall = TimeSpan.FromSeconds((_scaleOut ?? new ScaleOutOptions()).PeerStallSeconds);
        var others = await new RegistryCatchUp(Registries, (filter, token) => Materialise(token, null, filter), stall, _log).RunAsync(targets, ct);
        return new MaterialiseResult(own.RecordsRead.Concat(others.RecordsRead).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
            [.. own.Lost, .. others.Lost]);
    }

    /// <summary>The status and problem of a past run.</summary>
    public (string Status, string? Problem)? RunStatus(string runId) => _history.Status(runId);

    /// <summary>The most recent runs, newest first.</summary>
    public IReadOnlyList<ReconciliationRunRecord> RecentRuns(int limit = 20) => _history.Recent(limit);
}
