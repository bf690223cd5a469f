using System.Text.Json;
using DataHub.Reconciliation.Engine;

namespace DataHub.Hub.Reconciliation;

/// <summary>How one case is written when a run's gaps are applied.</summary>
internal enum CaseWriteKind
{
    /// <summary>A gap with no case yet: insert it as new.</summary>
    Insert,
    /// <summary>A known case whose gap is found again (reopened) or whose evidence, summary or region changed.</summary>
    Update,
    /// <summary>An active case whose gap this run no longer finds.</summary>
    AutoClose,
}

/// <summary>One case write of a plan, with the history row and the event it records.</summary>
internal sealed record CaseWrite(CaseWriteKind Kind, string CaseId, Gap? Gap, string? Evidence, string Status, GapCaseChange Change, GapCaseEvent Event);

/// <summary>
/// What applying a run's gaps does to the known cases, worked out once for every store, so SQLite and SQL Server
/// open, change and auto-close exactly the same cases: a new gap opens a case, a gap of an inactive case opens it again,
/// a changed one updates it (status kept), an active case whose gap is gone (and whose person the run covered) is
/// auto-closed. Writes are in gap order, then the closings, so history and outbox rows come in the same order.
/// </summary>
internal sealed record CaseApplyPlan(IReadOnlyList<CaseWrite> Writes, CaseApplyResult Result)
{
    public static CaseApplyPlan For(IReadOnlyDictionary<string, GapCase> existing, IReadOnlyList<Gap> gaps, string runId, DateTimeOffset now,
        Func<string, bool>? ownsPerson)
    {
        var writes = new List<CaseWrite>();
        int opened = 0, changed = 0, unchanged = 0, closed = 0;
        var seen = new HashSet<string>();
        foreach (var gap in gaps)
        {
            var id = GapCaseStore.CaseIdOf(gap.Person, gap.Rule, gap.Period);
            if (!seen.Add(id)) continue;
            var evidence = JsonSerializer.Serialize(gap.Evidence);
            if (!existing.TryGetValue(id, out var known))
            {
                writes.Add(new(CaseWriteKind.Insert, id, gap, evidence, CaseStatus.New,
                    new GapCaseChange(id, now, GapCaseStore.Engine, null, CaseStatus.New, "opened", null, runId), Event(id, gap, CaseStatus.New, "opened", runId, now)));
                opened++;
            }
            else if (!CaseStatus.IsActive(known.Status))
            {
                writes.Add(new(CaseWriteKind.Update, id, gap, evidence, CaseStatus.Open,
                    new GapCaseChange(id, now, GapCaseStore.Engine, known.Status, CaseStatus.Open, "opened", "the gap is found again", runId),
                    Event(id, gap, CaseStatus.Open, "opened", runId, now)));
                opened++;
            }
            else if (known.Summary != gap.Summary || known.Region != gap.Region || JsonSerializer.Serialize(known.Evidence) != evidence)
            {
                writes.Add(new(CaseWriteKind.Update, id, gap, evidence, known.Status,
                    new GapCaseChange(id, now, GapCaseStore.Engine, known.Status, known.Status, "changed", "evidence or summary changed", runId),
                    Event(id, gap, known.Status, "changed", runId, now)));
                changed++;
            }
            else unchanged++;
        }
        foreach (var gone in existing.Values.Where(k => CaseStatus.IsActive(k.Status) && !seen.Contains(k.CaseId) && (ownsPerson is null || ownsPerson(k.Person))))
        {
            writes.Add(new(CaseWriteKind.AutoClose, gone.CaseId, null, null, CaseStatus.AutoClosed,
                new GapCaseChange(gone.CaseId, now, GapCaseStore.Engine, gone.Status, CaseStatus.AutoClosed, "closed", "a later run no longer finds the gap", runId),
                new GapCaseEvent(gone.CaseId, gone.Rule, gone.Person, gone.Region, CaseStatus.AutoClosed, "closed", gone.Summary, gone.Evidence, runId, null, now)));
            closed++;
        }
        return new CaseApplyPlan(writes, new CaseApplyResult(opened, changed, closed, unchanged));
    }

    private static GapCaseEvent Event(string id, Gap gap, string status, string kind, string runId, DateTimeOffset now) =>
        new(id, gap.Rule, gap.Person, gap.Region, status, kind, gap.Summary, gap.Evidence, runId, null, now);
}

/// <summary>An officer's move of a case, worked out once for every store: the new status, when it closed, the history row and the event.</summary>
internal sealed record OfficerMove(GapCase Moved, DateTimeOffset? ClosedAt, GapCaseChange Change, GapCaseEvent Event)
{
    /// <summary>new → open → in-progress → resolved (and back from in-progress to open); anything else is an InvalidOperationException.</summary>
    public static OfficerMove Transition(GapCase known, string toStatus, string by, string? note, DateTimeOffset now)
    {
        if (!CaseStatus.OfficerMayMove(known.Status, toStatus))
            throw new InvalidOperationException($"case {known.CaseId} is {known.Status}; it cannot move to {toStatus}");
        var kind = toStatus == CaseStatus.Resolved ? "closed" : "changed";
        return new OfficerMove(known with { Status = toStatus, UpdatedAt = now }, toStatus == CaseStatus.Resolved ? now : null,
            new GapCaseChange(known.CaseId, now, by, known.Status, toStatus, kind, note, null),
            new GapCaseEvent(known.CaseId, known.Rule, known.Person, known.Region, toStatus, kind, known.Summary, known.Evidence, null, by, now));
    }

    /// <summary>resolved → open; a case in any other status is an InvalidOperationException.</summary>
    public static OfficerMove Reopen(GapCase known, string by, string? note, DateTimeOffset now)
    {
        if (known.Status != CaseStatus.Resolved) throw new InvalidOperationException($"case {known.CaseId} is {known.Status}; only a resolved case can be reopened");
        return new OfficerMove(known with { Status = CaseStatus.Open, UpdatedAt = now }, null,
            new GapCaseChange(known.CaseId, now, by, known.Status, CaseStatus.Open, "opened", note, null),
            new GapCaseEvent(known.CaseId, known.Rule, known.Person, known.Region, CaseStatus.Open, "opened", known.Summary, known.Evidence, null, by, now));
    }
}
