namespace DataHub.Hub.Reconciliation;

/// <summary>One row of the run history.</summary>
public sealed record ReconciliationRunRecord(string RunId, string Trigger, string Instance, string Scope, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt, string Status, int? Gaps, int? Events, string? Problem);

/// <summary>
/// The reconciliation run history: who ran what, when, on which partitions, with what outcome. Implemented on
/// SQLite (<see cref="SqliteReconciliationRunStore"/>) and SQL Server (<c>SqlServerReconciliationRunStore</c>).
/// </summary>
public interface IReconciliationRunStore
{
    /// <summary>A run began (status "running"), on this instance (<see cref="ScaleOut.HubInstance.Name"/>), over <paramref name="scope"/>.</summary>
    void Started(string runId, string trigger, DateOnly asOf, string scope);

    /// <summary>A run ended with <paramref name="status"/>, its counts and problem (null when not known).</summary>
    void Finished(string runId, string status, int? gaps, CaseApplyResult? applied, string? problem, int? events);

    /// <summary>The status and problem of a run, null when there is no such run.</summary>
    (string Status, string? Problem)? Status(string runId);

    /// <summary>The most recent runs, newest start first (runs started at the same instant: the later recorded first).</summary>
    IReadOnlyList<ReconciliationRunRecord> Recent(int limit);
}
