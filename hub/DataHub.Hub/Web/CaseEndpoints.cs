using System.Text.Json;
using DataHub.Reconciliation.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataHub.Hub.Web;

public sealed record RevealRequest(string? Reason);

/// <summary>
/// The case API. Every route takes the user's region from their sign-in, never from the request: a case outside it
/// answers 404 exactly like a case that does not exist, and a region filter is clipped to it.
/// </summary>
public static class CaseEndpoints
{
    public static void Map(WebApplication app)
    {
        var cases = app.MapGroup("/api/cases").RequireAuthorization(OfficerWeb.CasesPolicy);
        cases.MapGet("", (HttpContext context, OfficerData data) =>
            data.Queries.List(WebPrincipal.Of(context).Scope, CaseFilter.Parse(context.Request.Query), PersonMask.Mask));
        cases.MapGet("/counts", (HttpContext context, OfficerData data) =>
            data.Queries.Counts.For(WebPrincipal.Of(context).Scope, CaseFilter.Parse(context.Request.Query)));
        cases.MapGet("/trend", (int? runs, HttpContext context, OfficerData data) =>
            data.Queries.Trend.For(WebPrincipal.Of(context).Scope, Math.Clamp(runs ?? CaseTrend.DefaultRuns, 1, 365)));
        cases.MapGet("/{id}", (string id, HttpContext context, OfficerData data) =>
        {
            if (data.Queries.Find(WebPrincipal.Of(context).Scope, id, PersonMask.Mask) is not { } found) return NotFound(id);
            var evidence = JsonSerializer.Deserialize<List<GapEvidence>>(found.Evidence) ?? [];
            return Results.Ok(new { @case = found.Row, evidence, history = data.Cases.History(id) });
        });
        cases.MapPost("/{id}/actions", (string id, CaseActionRequest request, HttpContext context, OfficerData data) =>
        {
            var me = WebPrincipal.Of(context);
            if (data.Queries.Find(me.Scope, id, PersonMask.Mask) is not { } found) return NotFound(id);
            var error = CaseActions.Apply(data, me, found.Row, request, DateTimeOffset.UtcNow);
            return error is null ? Results.Ok(data.Queries.Find(me.Scope, id, PersonMask.Mask)!.Value.Row) : Results.BadRequest(new { error });
        }).RequireCsrf();
        cases.MapPost("/actions", (BulkActionRequest request, HttpContext context, OfficerData data) =>
        {
            var me = WebPrincipal.Of(context);
            var ids = request.Ids ?? [];
            if (ids.Count is 0 or > CaseFilter.MaxLimit) return Results.BadRequest(new { error = $"ids: 1 to {CaseFilter.MaxLimit} case ids" });
            var single = new CaseActionRequest(request.Action, request.Note, request.Reason, request.Assignee);
            var now = DateTimeOffset.UtcNow;
            var results = ids.Distinct().Select(id => data.Queries.Find(me.Scope, id, PersonMask.Mask) is { } found
                ? new { id, error = CaseActions.Apply(data, me, found.Row, single, now) }
                : new { id, error = (string?)"not found" }).ToList();
            return Results.Ok(new { done = results.Count(r => r.error is null), results });
        }).RequireCsrf();
        cases.MapPost("/{id}/reveal", (string id, RevealRequest request, HttpContext context, OfficerData data) =>
        {
            var me = WebPrincipal.Of(context);
            if (data.Queries.Find(me.Scope, id, PersonMask.Mask) is not { } found) return NotFound(id);
            var reason = request.Reason?.Trim() ?? "";
            if (reason.Length < 4) return Results.BadRequest(new { error = "reason: say why (at least 4 characters); it is kept in the audit log" });
            data.Audit.Write(me.UserName, me.Role, "reveal", id, reason, "resident ID and name", WebPrincipal.Remote(context), DateTimeOffset.UtcNow);
            var (person, name) = PersonMask.Reveal(found.Person);
            return Results.Ok(new { caseId = id, person, name });
        }).RequireCsrf();
    }

    private static IResult NotFound(string id) => Results.NotFound(new { error = $"no case {id} in your region" });
}
