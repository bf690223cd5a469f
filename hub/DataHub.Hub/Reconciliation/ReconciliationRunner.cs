using System.Diagnostics;
using Confluent.SchemaRegistry;
using DataHub.Hub.Invoices;
using DataHub.Hub.Kafka;
using DataHub.Hub.Store;
using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Invoices;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Reconciliation;

/// <summary>What one reconciliation run did.</summary>
public sealed record ReconciliationRun(string RunId, string Status, MaterialiseResult Materialised, ReconciliationResult Result,
    CaseApplyResult Cases, int EventsPublished, TimeSpan LoadTime, TimeSpan Elapsed);

/// <summary>
/// One reconciliation run: materialise the registry topics into the store, load the registries (and the ledger's
/// fund-paid invoices, for the invoice cross-checks) into memory, run the rules, apply the gaps to the cases,
/// publish the case events. `datahub reconcile` calls it on demand;
/// a scheduler (Quartz) calls the same <see cref="RunAsync"/> — the seam is this one method.
/// A run whose materialiser found records dropped before they were read ends with status "data-lost".
/// </summary>
public sealed class ReconciliationRunner(KafkaConnection kafka, ISchemaRegistryClient registry, SqliteDatabase database, ILoggerFactory loggers)
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS reconciliation_run (
            run_id TEXT PRIMARY KEY, trigger TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
            as_of TEXT NOT NULL, gaps INTEGER, opened INTEGER, changed INTEGER, closed INTEGER, events INTEGER, problem TEXT);
        """;

    private readonly ILogger _log = loggers.CreateLogger<ReconciliationRunner>();

    public GapCaseStore Cases { get; } = new(database);
    public RegistryStore Registries { get; } = new(database);

    public async Task<ReconciliationRun> RunAsync(ReconciliationOptions options, string trigger, CancellationToken ct = default)
    {
        database.EnsureSchema("reconciliation-run", Ddl);
        var watch = Stopwatch.StartNew();
        var runId = $"R-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        Save(runId, trigger, "running", options, null, null, null);
        try
        {
            var materialised = Materialise(ct);
            var load = Stopwatch.StartNew();
            var registries = StoreRegistryLoader.Load(Registries);
            var claims = StoreFundClaimLoader.Load(new SqliteInvoiceLedgerStore(database, kafka.ClusterIdentity), options);
            var loadTime = load.Elapsed;
            var result = new ReconciliationEngine([.. ReconciliationEngine.StandardRules, .. FundClaimRules.Over(claims)]).Run(registries, options);
            var applied = Cases.Apply(result.Gaps, runId, DateTimeOffset.UtcNow);
            var published = await new GapEventPublisher(kafka, registry, Cases).PublishPendingAsync(ct);
            var lost = Registries.TakeUnreportedLosses(runId);
            var status = lost.Count > 0 ? "data-lost" : "succeeded";
            var problem = lost.Count > 0 ? "records dropped before materialisation: " + string.Join("; ", lost) : null;
            if (problem is not null) _log.LogError("Reconciliation run {Run} rests on incomplete registries: {Problem}", runId, problem);
            Save(runId, trigger, status, options, result.Gaps.Count, applied, problem, published);
            _log.LogInformation("Run {Run}: {Gaps} gaps; cases opened {Opened}, changed {Changed}, closed {Closed}; {Events} events",
                runId, result.Gaps.Count, applied.Opened, applied.Changed, applied.Closed, published);
            return new ReconciliationRun(runId, status, materialised with { Lost = lost }, result, applied, published, loadTime, watch.Elapsed);
        }
        catch (Exception e)
        {
            Save(runId, trigger, e is OperationCanceledException ? "cancelled" : "failed", options, null, null, e.Message);
            throw;
        }
    }

    /// <summary>Brings the store's registries up to the topics' ends (also run after each feed, so the embedded cluster's small retention drops nothing unread).</summary>
    public MaterialiseResult Materialise(CancellationToken ct = default, IEnumerable<string>? topics = null) =>
        new RegistryMaterialiser(kafka, registry, Registries, loggers.CreateLogger<RegistryMaterialiser>()).Run(ct, topics);

    private void Save(string runId, string trigger, string status, ReconciliationOptions options, int? gaps, CaseApplyResult? applied, string? problem, int? events = null)
    {
        using var c = database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO reconciliation_run (run_id, trigger, started_at, status, as_of) VALUES ($r, $t, $n, $s, $a)
            ON CONFLICT (run_id) DO UPDATE SET status=$s, finished_at=$n, gaps=$g, opened=$o, changed=$c, closed=$cl, events=$e, problem=$p
            """;
        object?[] values = [runId, trigger, DateTimeOffset.UtcNow.ToString("O"), status, options.ResolveAsOf().ToString("yyyy-MM-dd"),
            gaps, applied?.Opened, applied?.Changed, applied?.Closed, events, problem];
        string[] names = ["$r", "$t", "$n", "$s", "$a", "$g", "$o", "$c", "$cl", "$e", "$p"];
        for (var i = 0; i < names.Length; i++) cmd.Parameters.AddWithValue(names[i], values[i] ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The status and problem of a past run.</summary>
    public (string Status, string? Problem)? RunStatus(string runId)
    {
        database.EnsureSchema("reconciliation-run", Ddl);
        using var c = database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT status, problem FROM reconciliation_run WHERE run_id=$r";
        cmd.Parameters.AddWithValue("$r", runId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)) : null;
    }
}
