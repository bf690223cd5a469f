namespace DataHub.Hub.Reconciliation;

/// <summary>Officers' case actions beyond status moves: notes (history only) and reopening a resolved case.</summary>
public sealed partial class GapCaseStore
{
    /// <summary>Adds a note (kind "note", "contacted", "assigned"…) to the case's history without changing its status.</summary>
    public void AddNote(string caseId, string kind, string by, string note, DateTimeOffset now)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        var known = LoadAll(c, tx, caseId).SingleOrDefault() ?? throw new KeyNotFoundException($"no gap case {caseId}");
        Execute(c, tx, "INSERT INTO gap_case_history (case_id, at, by, from_status, to_status, kind, note) VALUES ($c, $a, $b, $s, $s, $k, $n)",
            ("$c", caseId), ("$a", now.ToString("O")), ("$b", by), ("$s", known.Status), ("$k", kind), ("$n", note));
        tx.Commit();
    }

    /// <summary>An officer reopens a case they resolved (the only way back from resolved); history and event like any move.</summary>
    public GapCase Reopen(string caseId, string by, string? note, DateTimeOffset now)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        var known = LoadAll(c, tx, caseId).SingleOrDefault() ?? throw new KeyNotFoundException($"no gap case {caseId}");
        var move = OfficerMove.Reopen(known, by, note, now);
        Execute(c, tx, "UPDATE gap_case SET status=$s, updated_at=$u, closed_at=NULL WHERE case_id=$id",
            ("$s", CaseStatus.Open), ("$u", now.ToString("O")), ("$id", caseId));
        Record(c, tx, move.Change, move.Event);
        tx.Commit();
        return move.Moved;
    }
}
