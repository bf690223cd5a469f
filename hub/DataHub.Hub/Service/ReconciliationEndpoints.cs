using DataHub.Hub.Reconciliation;
using DataHub.Hub.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataHub.Hub.Service;

/// <summary>
/// The reconciliation API of `datahub serve`, for the same callers as the feed API (signed-in admins, with the
/// antiforgery token on POST, or automation with Serve:ApiToken): POST /api/reconciliation/runs reconciles this
/// instance's partitions now, GET lists the run history. Anonymous requests get 401, other roles 403; runs started
/// here are audited.
/// </summary>
public static class ReconciliationEndpoints
{
    public const int MaxRuns = 500;

    public static void Map(WebApplication app)
    {
        var runs = app.MapGroup("/api/reconciliation/runs").RequireAuthorization(OfficerWeb.OperationsPolicy);
        runs.MapPost("", ReconcileAsync).RequireCsrf();
        runs.MapGet("", (ReconciliationService reconciliation, int? limit) => reconciliation.RecentRuns(Math.Clamp(limit ?? 20, 1, MaxRuns)));
    }

    /// <summary>200 with the run, 409 when a run is already going on this instance.</summary>
    private static async Task<IResult> ReconcileAsync(HttpContext context, ReconciliationService reconciliation,
        OfficerData data, CancellationToken ct)
    {
        var byToken = ServiceTokenHandler.SignedInByToken(context.User);
        var by = context.User.Identity?.Name ?? "";
        data.Audit.Write(by, byToken ? WebRoles.Service : WebRoles.Admin, "reconcile-run", null, null, null, WebPrincipal.Remote(context), DateTimeOffset.UtcNow);
        try
        {
            var run = await reconciliation.RunAsync(byToken ? "api" : $"api:{by}", ct);
            return Results.Ok(new { run.RunId, run.Status, run.Scope, Gaps = run.Gaps.Count, run.Cases.Opened, run.Cases.Changed, run.Cases.Closed, Events = run.EventsPublished });
        }
        catch (ReconciliationBusyException e)
        {
            return Results.Conflict(new { error = e.Message });
        }
    }
}
