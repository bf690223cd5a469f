using DataHub.Hub.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataHub.Hub.Service;

/// <summary>
/// The feed API of `datahub serve`, for admins (cookie sign-in; POST also needs the antiforgery token) and for automation
/// with the service token (Serve:ApiToken, <c>Authorization: Bearer …</c>): GET /api/feeds, GET /api/feeds/runs (the run
/// history), POST /api/feeds/{name}/runs. Anonymous requests get 401, other roles 403. Runs started here are audited.
/// </summary>
public static class FeedEndpoints
{
    public const int MaxRuns = 500;

    public static void Map(WebApplication app)
    {
        var feeds = app.MapGroup("/api/feeds").RequireAuthorization(OfficerWeb.OperationsPolicy);
        feeds.MapGet("", (FeedCatalog catalog) => catalog.All.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => new { f.Name, f.Target.Topic, f.Schedule }));
        feeds.MapGet("/runs", async (string? feed, int? limit, HubRuntimeService runtime, CancellationToken ct) =>
            await runtime.Runtime.FeedState.RecentRunsAsync(string.IsNullOrWhiteSpace(feed) ? null : feed, Math.Clamp(limit ?? 100, 1, MaxRuns), ct));
        feeds.MapPost("/{name}/runs", RunFeedAsync).RequireCsrf();
    }

    /// <summary>
    /// Submits the run to the group (whichever instance holds the feed's partition runs it) and waits for it:
    /// 200 with the counts, 500 when it failed, 202 with the request when it is still going after 80 s.
    /// </summary>
    private static async Task<IResult> RunFeedAsync(string name, HttpContext context, FeedWorkSubmitter work, FeedCatalog catalog, HubRuntimeService runtime,
        OfficerData data, CancellationToken ct)
    {
        var byToken = ServiceTokenHandler.SignedInByToken(context.User);
        var by = context.User.Identity?.Name ?? "";
        if (catalog.Find(name) is not null)
            data.Audit.Write(by, byToken ? WebRoles.Service : WebRoles.Admin, "feed-run", null, null, name, WebPrincipal.Remote(context), DateTimeOffset.UtcNow);
        var submitted = await work.RunAsync(name, byToken ? "api" : $"api:{by}", TimeSpan.FromSeconds(80), ct);
        if (submitted is not var (item, run)) return Results.NotFound(new { error = $"no feed named {name} (GET /api/feeds lists them)" });
        if (run is null) return Results.Accepted(value: new { item.Feed, item.WorkId, status = "running" });
        return run.Status == "succeeded"
            ? Results.Ok(new { run.Feed, RunId = run.Id, run.Read, run.Published, DeadLettered = run.Rejected, SkippedSources = run.Skipped, item.WorkId })
            : Results.Problem(title: $"{name} failed", detail: run.Error, statusCode: 500);
    }
}
