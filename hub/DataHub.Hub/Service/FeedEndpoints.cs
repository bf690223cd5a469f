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
        var feeds = app.MapGroup("/api/feeds").RequireAuthorization(OfficerWeb.FeedsPolicy);
        feeds.MapGet("", (FeedCatalog catalog) => catalog.All.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => new { f.Name, f.Target.Topic, f.Schedule }));
        feeds.MapGet("/runs", async (string? feed, int? limit, HubRuntimeService runtime, CancellationToken ct) =>
            await runtime.Runtime.FeedState.RecentRunsAsync(string.IsNullOrWhiteSpace(feed) ? null : feed, Math.Clamp(limit ?? 100, 1, MaxRuns), ct));
        feeds.MapPost("/{name}/runs", RunFeedAsync).RequireCsrf();
    }

    private static async Task<IResult> RunFeedAsync(string name, HttpContext context, FeedRunService runs, HubRuntimeService runtime, OfficerData data, CancellationToken ct)
    {
        var by = context.User.Identity?.Name ?? "";
        // The audit log lives in the SQLite store with the web app; a SQL Server hub (token callers only) has none yet.
        if (runtime.Runtime.Store.Sqlite is not null && runs.Knows(name))
            data.Audit.Write(by, ServiceTokenHandler.SignedInByToken(context.User) ? WebRoles.Service : WebRoles.Admin, "feed-run", null, null, name,
                WebPrincipal.Remote(context), DateTimeOffset.UtcNow);
        try
        {
            var result = await runs.RunAsync(name, ServiceTokenHandler.SignedInByToken(context.User) ? "api" : $"api:{by}", ct);
            return result is null
                ? Results.NotFound(new { error = $"no feed named {name} (GET /api/feeds lists them)" })
                : Results.Ok(new { result.Feed, result.RunId, result.Read, result.Published, result.DeadLettered, result.SkippedSources });
        }
        catch (FeedBusyException e)
        {
            return Results.Conflict(new { error = e.Message });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Results.Problem(title: $"{name} failed", detail: e.Message, statusCode: 500);
        }
    }
}
