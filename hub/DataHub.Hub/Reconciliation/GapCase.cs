using DataHub.Reconciliation.Engine;

namespace DataHub.Hub.Reconciliation;

/// <summary>Case statuses: new → open → in-progress → resolved (an officer), or auto-closed (a later run no longer finds the gap).</summary>
public static class CaseStatus
{
    public const string New = "new";
    public const string Open = "open";
    public const string InProgress = "in-progress";
    public const string Resolved = "resolved";
    public const string AutoClosed = "auto-closed";

    public static bool IsActive(string status) => status is New or Open or InProgress;

    /// <summary>The moves an officer may make.</summary>
    public static bool OfficerMayMove(string from, string to) => (from, to) switch
    {
        (New, Open) or (New, InProgress) or (Open, InProgress) or (New, Resolved) or (Open, Resolved) or (InProgress, Resolved) or (InProgress, Open) => true,
        _ => false,
    };
}

/// <summary>A gap case as stored: identity (person, rule, period), status, what the gap rests on.</summary>
public sealed record GapCase(string CaseId, string Person, string Rule, string Period, string Region, string Status,
    string Summary, IReadOnlyList<GapEvidence> Evidence, string MatchedBy, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, string? LastRunId);

/// <summary>One event in a case's life, as published on the gap-event topic.</summary>
public sealed record GapCaseEvent(string CaseId, string Rule, string Person, string Region, string Status, string Kind,
    string Summary, IReadOnlyList<GapEvidence> Evidence, string? RunId, string? ChangedBy, DateTimeOffset OccurredAt);

/// <summary>One entry of a case's history: who changed what, and when.</summary>
public sealed record GapCaseChange(string CaseId, DateTimeOffset At, string By, string? FromStatus, string ToStatus, string Kind, string? Note, string? RunId);

/// <summary>What applying one run's gaps to the cases did.</summary>
public sealed record CaseApplyResult(int Opened, int Changed, int Closed, int Unchanged);
