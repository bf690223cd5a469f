using System.Text.Json;
using DataHub.Reconciliation.Engine;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Reconciliation;

public sealed partial class GapCaseStore
{
    public IReadOnlyList<GapCase> Cases(string? status = null)
    {
        using var c = _db.Open();
        return LoadAll(c, null).Where(k => status is null || k.Status == status).ToList();
    }

    public IReadOnlyList<GapCaseChange> History(string caseId)
    {
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT case_id, at, by, from_status, to_status, kind, note, run_id FROM gap_case_history WHERE case_id=$id ORDER BY id";
        cmd.Parameters.AddWithValue("$id", caseId);
        using var r = cmd.ExecuteReader();
        var list = new List<GapCaseChange>();
        while (r.Read())
            list.Add(new GapCaseChange(r.GetString(0), DateTimeOffset.Parse(r.GetString(1)), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7)));
        return list;
    }

    /// <summary>Events not yet acknowledged by Kafka, oldest first; only those of the people <paramref name="ownsPerson"/> accepts, when given.</summary>
    public IReadOnlyList<(long Seq, GapCaseEvent Event)> PendingEvents(Func<string, bool>? ownsPerson = null)
    {
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, event FROM gap_event_outbox WHERE published_at IS NULL ORDER BY seq";
        using var r = cmd.ExecuteReader();
        return OutboxRows.Read(r, ownsPerson);
    }

    /// <summary>
    /// Takes the unpublished events (of the people <paramref name="ownsPerson"/> accepts) for <paramref name="claimant"/>
    /// in one transaction, so two publishers — two instances during a rebalance, or `datahub reconcile` beside the
    /// service — never send the same row. A claim older than <paramref name="staleAfter"/> is a dead publisher's and is taken over.
    /// </summary>
    public IReadOnlyList<(long Seq, GapCaseEvent Event)> ClaimPendingEvents(string claimant, Func<string, bool>? ownsPerson, TimeSpan staleAfter, DateTimeOffset now)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        List<(long Seq, GapCaseEvent Event)> list;
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT seq, event FROM gap_event_outbox WHERE published_at IS NULL AND (claimed_by IS NULL OR claimed_at < $stale) ORDER BY seq";
            cmd.Parameters.AddWithValue("$stale", (now - staleAfter).ToString("O"));
            using var r = cmd.ExecuteReader();
            list = OutboxRows.Read(r, ownsPerson);
        }
        foreach (var (seq, _) in list)
            Execute(c, tx, "UPDATE gap_event_outbox SET claimed_by=$c, claimed_at=$a WHERE seq=$s", ("$c", claimant), ("$a", now.ToString("O")), ("$s", seq));
        tx.Commit();
        return list;
    }

    /// <summary>Gives back the claimant's rows it did not get published (a failed send), for the next publisher.</summary>
    public void ReleaseClaims(string claimant)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        Execute(c, tx, "UPDATE gap_event_outbox SET claimed_by=NULL, claimed_at=NULL WHERE claimed_by=$c AND published_at IS NULL", ("$c", claimant));
        tx.Commit();
    }

    public void MarkPublished(IEnumerable<long> seqs, DateTimeOffset at)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        foreach (var seq in seqs)
            Execute(c, tx, "UPDATE gap_event_outbox SET published_at=$a WHERE seq=$s", ("$a", at.ToString("O")), ("$s", seq));
        tx.Commit();
    }

    private static void Record(SqliteConnection c, SqliteTransaction tx, GapCaseChange change, GapCaseEvent evt)
    {
        Execute(c, tx, "INSERT INTO gap_case_history (case_id, at, by, from_status, to_status, kind, note, run_id) VALUES ($c, $a, $b, $f, $t, $k, $n, $r)",
            ("$c", change.CaseId), ("$a", change.At.ToString("O")), ("$b", change.By), ("$f", change.FromStatus), ("$t", change.ToStatus),
            ("$k", change.Kind), ("$n", change.Note), ("$r", change.RunId));
        Execute(c, tx, "INSERT INTO gap_event_outbox (case_id, event) VALUES ($c, $e)", ("$c", evt.CaseId), ("$e", JsonSerializer.Serialize(evt)));
    }

    private static IEnumerable<GapCase> LoadAll(SqliteConnection c, SqliteTransaction? tx, string? caseId = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT case_id, person, rule, period, region, status, summary, evidence, matched_by, opened_at, updated_at, last_run FROM gap_case"
            + (caseId is null ? " ORDER BY rule, person, period" : " WHERE case_id=$id");
        if (caseId is not null) cmd.Parameters.AddWithValue("$id", caseId);
        using var r = cmd.ExecuteReader();
        var list = new List<GapCase>();
        while (r.Read())
            list.Add(new GapCase(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                JsonSerializer.Deserialize<List<GapEvidence>>(r.GetString(7)) ?? [], r.GetString(8), DateTimeOffset.Parse(r.GetString(9)),
                DateTimeOffset.Parse(r.GetString(10)), r.IsDBNull(11) ? null : r.GetString(11)));
        return list;
    }

    private static void Execute(SqliteConnection c, SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }
}
