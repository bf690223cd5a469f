using System.Security.Cryptography;
using System.Text;
using DataHub.Hub.Store;
using DataHub.Reconciliation.Engine;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// Gap cases in the store. A run's gaps are applied in one transaction: a new gap opens a case, a changed
/// one updates it, an active case whose gap is gone is auto-closed; each change goes to the history (who,
/// when) and its event to the outbox, from which <see cref="GapEventPublisher"/> publishes exactly once.
/// Applying the same gaps again changes nothing.
/// </summary>
public sealed partial class GapCaseStore : IGapCaseStore
{
    public const string Engine = "engine";

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS gap_case (
            case_id TEXT PRIMARY KEY, person TEXT NOT NULL, rule TEXT NOT NULL, period TEXT NOT NULL, region TEXT NOT NULL,
            status TEXT NOT NULL, summary TEXT NOT NULL, evidence TEXT NOT NULL, matched_by TEXT NOT NULL,
            opened_at TEXT NOT NULL, updated_at TEXT NOT NULL, closed_at TEXT, last_run TEXT,
            UNIQUE (person, rule, period));
        CREATE INDEX IF NOT EXISTS gap_case_status ON gap_case (status);
        CREATE TABLE IF NOT EXISTS gap_case_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL,
            from_status TEXT, to_status TEXT NOT NULL, kind TEXT NOT NULL, note TEXT, run_id TEXT);
        CREATE INDEX IF NOT EXISTS gap_case_history_case ON gap_case_history (case_id);
        CREATE TABLE IF NOT EXISTS gap_event_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, event TEXT NOT NULL, published_at TEXT);
        """;

    private readonly SqliteDatabase _db;

    public GapCaseStore(SqliteDatabase db)
    {
        _db = db;
        db.EnsureSchema("gap-cases", Ddl);
        // Added for scale-out: which publisher is sending an outbox row (see ClaimPendingEvents).
        db.AddColumnIfMissing("gap_event_outbox", "claimed_by", "TEXT");
        db.AddColumnIfMissing("gap_event_outbox", "claimed_at", "TEXT");
    }

    /// <summary>A case's ID, derived from its identity so it is the same in every run and on every instance.</summary>
    public static string CaseIdOf(string person, string rule, string period) =>
        "GC-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{person}|{rule}|{period}")))[..16];

    /// <summary>
    /// Applies a run's gaps (<see cref="CaseApplyPlan"/>). <paramref name="ownsPerson"/> limits auto-closing to the cases of the
    /// people this run covered (an instance's partitions): another instance's cases are not closed because this run did not look.
    /// </summary>
    public CaseApplyResult Apply(IReadOnlyList<Gap> gaps, string runId, DateTimeOffset now, Func<string, bool>? ownsPerson = null)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        var plan = CaseApplyPlan.For(LoadAll(c, tx).ToDictionary(k => k.CaseId), gaps, runId, now, ownsPerson);
        foreach (var write in plan.Writes)
        {
            switch (write.Kind)
            {
                case CaseWriteKind.Insert:
                    Insert(c, tx, write.CaseId, write.Gap!, write.Evidence!, runId, now);
                    break;
                case CaseWriteKind.Update:
                    Update(c, tx, write.CaseId, write.Gap!, write.Evidence!, write.Status, runId, now, closedAt: null);
                    break;
                case CaseWriteKind.AutoClose:
                    Execute(c, tx, "UPDATE gap_case SET status=$s, updated_at=$u, closed_at=$u, last_run=$r WHERE case_id=$id",
                        ("$s", CaseStatus.AutoClosed), ("$u", now.ToString("O")), ("$r", runId), ("$id", write.CaseId));
                    break;
            }
            Record(c, tx, write.Change, write.Event);
        }
        tx.Commit();
        return plan.Result;
    }

    /// <summary>An officer moves a case (new → open → in-progress → resolved); kept in the history with who and when.</summary>
    public GapCase Transition(string caseId, string toStatus, string by, string? note, DateTimeOffset now)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        var known = LoadAll(c, tx, caseId).SingleOrDefault() ?? throw new KeyNotFoundException($"no gap case {caseId}");
        var move = OfficerMove.Transition(known, toStatus, by, note, now);
        Execute(c, tx, "UPDATE gap_case SET status=$s, updated_at=$u, closed_at=$c WHERE case_id=$id",
            ("$s", toStatus), ("$u", now.ToString("O")), ("$c", move.ClosedAt?.ToString("O")), ("$id", caseId));
        Record(c, tx, move.Change, move.Event);
        tx.Commit();
        return move.Moved;
    }

    private static void Insert(SqliteConnection c, SqliteTransaction tx, string id, Gap gap, string evidence, string runId, DateTimeOffset now) =>
        Execute(c, tx, """
            INSERT INTO gap_case (case_id, person, rule, period, region, status, summary, evidence, matched_by, opened_at, updated_at, last_run)
            VALUES ($id, $p, $r, $pe, $re, $s, $su, $e, $m, $u, $u, $run)
            """, ("$id", id), ("$p", gap.Person), ("$r", gap.Rule), ("$pe", gap.Period), ("$re", gap.Region), ("$s", CaseStatus.New),
            ("$su", gap.Summary), ("$e", evidence), ("$m", CityMatch(gap.MatchedBy)), ("$u", now.ToString("O")), ("$run", runId));

    private static void Update(SqliteConnection c, SqliteTransaction tx, string id, Gap gap, string evidence, string status, string runId, DateTimeOffset now, string? closedAt) =>
        Execute(c, tx, "UPDATE gap_case SET region=$re, status=$s, summary=$su, evidence=$e, matched_by=$m, updated_at=$u, closed_at=$c, last_run=$run WHERE case_id=$id",
            ("$re", gap.Region), ("$s", status), ("$su", gap.Summary), ("$e", evidence), ("$m", CityMatch(gap.MatchedBy)),
            ("$u", now.ToString("O")), ("$c", closedAt), ("$run", runId), ("$id", id));

    private static string CityMatch(MatchKind kind) => DataHub.Reconciliation.City.CityLife.MatchText(kind);
}
