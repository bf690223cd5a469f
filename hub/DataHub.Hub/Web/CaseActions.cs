using DataHub.Hub.Reconciliation;

namespace DataHub.Hub.Web;

public sealed record CaseActionRequest(string? Action, string? Note, string? Reason, string? Assignee);

public sealed record BulkActionRequest(IReadOnlyList<string>? Ids, string? Action, string? Note, string? Reason, string? Assignee);

/// <summary>What an officer may do to a case in their region: assign, note, contacted, resolve (with a reason), reopen.</summary>
public static class CaseActions
{
    public static IReadOnlyList<string> Names { get; } = ["assign", "note", "contacted", "resolve", "reopen"];

    /// <summary>Applies the action to a case already checked to be in the user's scope; returns an error text or null.</summary>
    public static string? Apply(OfficerData data, WebPrincipal me, CaseRow target, CaseActionRequest request, DateTimeOffset now)
    {
        var note = request.Note?.Trim();
        try
        {
            switch (request.Action)
            {
                case "assign":
                    var assignee = data.Users.Find(request.Assignee ?? "");
                    if (assignee is null || !WebRoles.WorksCases(assignee.Role) || !new RegionScope(assignee.Region).Covers(target.Region))
                        return "assignee: an officer or supervisor whose region covers the case";
                    data.Queries.Assign(target.CaseId, assignee.UserName, me.UserName, now);
                    data.Cases.AddNote(target.CaseId, "assigned", me.UserName, $"assigned to {assignee.UserName}" + (string.IsNullOrEmpty(note) ? "" : $": {note}"), now);
                    return null;
                case "note":
                    if (string.IsNullOrEmpty(note)) return "note: required";
                    data.Cases.AddNote(target.CaseId, "note", me.UserName, note, now);
                    return null;
                case "contacted":
                    if (target.Status is CaseStatus.New or CaseStatus.Open)
                        data.Cases.Transition(target.CaseId, CaseStatus.InProgress, me.UserName, "contacted" + (string.IsNullOrEmpty(note) ? "" : $": {note}"), now);
                    else
                        data.Cases.AddNote(target.CaseId, "contacted", me.UserName, string.IsNullOrEmpty(note) ? "contacted" : note, now);
                    return null;
                case "resolve":
                    var reason = request.Reason?.Trim();
                    if (string.IsNullOrEmpty(reason)) return "reason: required to resolve a case";
                    data.Cases.Transition(target.CaseId, CaseStatus.Resolved, me.UserName, reason, now);
                    return null;
                case "reopen":
                    data.Cases.Reopen(target.CaseId, me.UserName, note, now);
                    return null;
                default:
                    return $"action: one of {string.Join(", ", Names)}";
            }
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
