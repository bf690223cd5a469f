using DataHub.Reconciliation.Engine;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// Gap cases in the store: a run's gaps applied in one transaction (opened, changed, auto-closed), officers' moves and
/// notes, every change in the history with who and when, and each change's event in the outbox until Kafka has it.
/// <see cref="GapCaseStore"/> keeps them in SQLite, <see cref="Store.SqlServer.SqlServerGapCaseStore"/> in SQL Server.
/// </summary>
public interface IGapCaseStore
{
    /// <summary>
    /// Applies a run's gaps; applying the same gaps again changes nothing. <paramref name="ownsPerson"/> limits auto-closing
    /// to the cases of the people this run covered (an instance's partitions).
    /// </summary>
    CaseApplyResult Apply(IReadOnlyList<Gap> gaps, string runId, DateTimeOffset now, Func<string, bool>? ownsPerson = null);

    /// <summary>An officer moves a case (<see cref="CaseStatus.OfficerMayMove"/>); an unknown case is a KeyNotFoundException, a move not allowed an InvalidOperationException.</summary>
    GapCase Transition(string caseId, string toStatus, string by, string? note, DateTimeOffset now);

    /// <summary>Adds a note (kind "note", "contacted", "assigned"…) to the case's history without changing its status.</summary>
    void AddNote(string caseId, string kind, string by, string note, DateTimeOffset now);

    /// <summary>An officer reopens a resolved case (the only way back from resolved).</summary>
    GapCase Reopen(string caseId, string by, string? note, DateTimeOffset now);

    /// <summary>Every case (of one status when given), by rule, person and period.</summary>
    IReadOnlyList<GapCase> Cases(string? status = null);

    /// <summary>A case's changes, oldest first.</summary>
    IReadOnlyList<GapCaseChange> History(string caseId);

    /// <summary>Events not yet acknowledged by Kafka, oldest first; only those of the people <paramref name="ownsPerson"/> accepts, when given.</summary>
    IReadOnlyList<(long Seq, GapCaseEvent Event)> PendingEvents(Func<string, bool>? ownsPerson = null);

    /// <summary>
    /// Takes the unpublished events (of the people <paramref name="ownsPerson"/> accepts) for <paramref name="claimant"/>, so two
    /// publishers never send the same row; a claim older than <paramref name="staleAfter"/> is a dead publisher's and is taken over.
    /// </summary>
    IReadOnlyList<(long Seq, GapCaseEvent Event)> ClaimPendingEvents(string claimant, Func<string, bool>? ownsPerson, TimeSpan staleAfter, DateTimeOffset now);

    /// <summary>Gives back the claimant's rows it did not get published (a failed send), for the next publisher.</summary>
    void ReleaseClaims(string claimant);

    void MarkPublished(IEnumerable<long> seqs, DateTimeOffset at);
}
