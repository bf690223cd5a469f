using System.Data;
using System.Text.Json;
using DataHub.Hub.Reconciliation;
using DataHub.Reconciliation.Engine;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// <see cref="IGapCaseStore"/> in SQL Server (statements in <see cref="GapCaseSql"/>). A run's gaps are worked out by the
/// same <see cref="CaseApplyPlan"/> as SQLite's and written in one transaction, in JSON batches, under an exclusive
/// application lock; an officer's move reads and writes its case under the row's update lock.
/// </summary>
public sealed partial class SqlServerGapCaseStore(SqlServerDatabase db) : IGapCaseStore
{
    /// <summary>Writes per batch statement.</summary>
    private const int BatchSize = 1_000;
    private const int ApplyLockTimeoutMs = 600_000;
    private const int MoveLockTimeoutMs = 30_000;

    public CaseApplyResult Apply(IReadOnlyList<Gap> gaps, string runId, DateTimeOffset now, Func<string, bool>? ownsPerson = null)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        LockWrites(c, tx, "Exclusive", ApplyLockTimeoutMs);
        var plan = CaseApplyPlan.For(ReadCases(c, tx, GapCaseSql.AllCases).ToDictionary(k => k.CaseId), gaps, runId, now, ownsPerson);
        foreach (var batch in plan.Writes.Chunk(BatchSize))
        {
            var run = ("@run", (object?)runId);
            var at = ("@now", (object?)now);
            if (CaseRows(batch, CaseWriteKind.Insert) is { } inserts) Execute(c, tx, GapCaseSql.InsertCases, ("@rows", inserts), at, run);
            if (CaseRows(batch, CaseWriteKind.Update) is { } updates) Execute(c, tx, GapCaseSql.UpdateCases, ("@rows", updates), at, run);
            var closing = batch.Where(w => w.Kind == CaseWriteKind.AutoClose).Select(w => w.CaseId).ToList();
            if (closing.Count > 0)
                Execute(c, tx, GapCaseSql.CloseCases, ("@ids", JsonSerializer.Serialize(closing)), ("@status", CaseStatus.AutoClosed), at, run);
            Execute(c, tx, GapCaseSql.RecordChanges, ("@rows", ChangeRows(batch)), ("@at", now));
        }
        tx.Commit();
        return plan.Result;
    }

    public GapCase Transition(string caseId, string toStatus, string by, string? note, DateTimeOffset now) =>
        Move(caseId, known => OfficerMove.Transition(known, toStatus, by, note, now));

    public GapCase Reopen(string caseId, string by, string? note, DateTimeOffset now) =>
        Move(caseId, known => OfficerMove.Reopen(known, by, note, now));

    public void AddNote(string caseId, string kind, string by, string note, DateTimeOffset now)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        LockWrites(c, tx, "Shared", MoveLockTimeoutMs);
        var known = CaseForUpdate(c, tx, caseId);
        Execute(c, tx, GapCaseSql.AddNote, ("@id", caseId), ("@at", now), ("@by", by), ("@status", known.Status), ("@kind", kind), ("@note", note));
        tx.Commit();
    }

    private GapCase Move(string caseId, Func<GapCase, OfficerMove> decide)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        LockWrites(c, tx, "Shared", MoveLockTimeoutMs);
        var move = decide(CaseForUpdate(c, tx, caseId));
        var change = move.Change;
        Execute(c, tx, GapCaseSql.SetStatus, ("@status", change.ToStatus), ("@at", change.At), ("@closed", move.ClosedAt), ("@id", caseId));
        Execute(c, tx, GapCaseSql.RecordChange, ("@id", caseId), ("@at", change.At), ("@by", change.By), ("@from", change.FromStatus),
            ("@to", change.ToStatus), ("@kind", change.Kind), ("@note", change.Note), ("@run", change.RunId), ("@event", JsonSerializer.Serialize(move.Event)));
        tx.Commit();
        return move.Moved;
    }

    private static GapCase CaseForUpdate(SqlConnection c, SqlTransaction tx, string caseId) =>
        ReadCases(c, tx, GapCaseSql.CaseForUpdate, ("@id", caseId)).SingleOrDefault() ?? throw new KeyNotFoundException($"no gap case {caseId}");

    private static void LockWrites(SqlConnection c, SqlTransaction tx, string mode, int timeoutMs)
    {
        using var cmd = Create(c, GapCaseSql.LockWrites, tx, ("@mode", mode), ("@timeoutMs", timeoutMs));
        cmd.CommandTimeout = timeoutMs / 1000 + 30;
        var result = Convert.ToInt32(cmd.ExecuteScalar());
        if (result < 0) throw new TimeoutException($"the gap cases' {mode.ToLowerInvariant()} write lock was not granted within {timeoutMs / 1000} s (sp_getapplock returned {result})");
    }

    /// <summary>The case rows of one kind of write in a batch, as the JSON array the batch statements read; null when there are none.</summary>
    private static string? CaseRows(CaseWrite[] batch, CaseWriteKind kind)
    {
        var rows = batch.Where(w => w.Kind == kind).Select(w => new GapCaseBatchRows.Case(w.CaseId, w.Gap!.Person, w.Gap.Rule, w.Gap.Period,
            w.Gap.Region, w.Status, w.Gap.Summary, w.Evidence!, DataHub.Reconciliation.City.CityLife.MatchText(w.Gap.MatchedBy))).ToList();
        return rows.Count == 0 ? null : JsonSerializer.Serialize(rows);
    }

    private static string ChangeRows(CaseWrite[] batch) => JsonSerializer.Serialize(batch.Select(w => new GapCaseBatchRows.Change(
        w.CaseId, w.Change.By, w.Change.FromStatus, w.Change.ToStatus, w.Change.Kind, w.Change.Note, w.Change.RunId, JsonSerializer.Serialize(w.Event))));

    private static List<GapCase> ReadCases(SqlConnection c, SqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Create(c, sql, tx, parameters);
        cmd.CommandTimeout = 0; // all cases of a large store take a while; the transaction's lock, not a timer, bounds the wait
        using var r = cmd.ExecuteReader();
        var list = new List<GapCase>();
        while (r.Read())
            list.Add(new GapCase(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                JsonSerializer.Deserialize<List<GapEvidence>>(r.GetString(7)) ?? [], r.GetString(8), r.GetDateTimeOffset(9),
                r.GetDateTimeOffset(10), r.IsDBNull(11) ? null : r.GetString(11)));
        return list;
    }

    private static void Execute(SqlConnection c, SqlTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Create(c, sql, tx, parameters);
        cmd.ExecuteNonQuery();
    }
}
