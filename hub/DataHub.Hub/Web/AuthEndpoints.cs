using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataHub.Hub.Web;

public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>Sign-in: GET /api/csrf (the token for the X-CSRF-TOKEN header), POST /api/login, POST /api/logout, GET /api/me.</summary>
public static class AuthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/csrf", (HttpContext context, IAntiforgery antiforgery) => new { token = antiforgery.GetAndStoreTokens(context).RequestToken });
        app.MapPost("/api/login", LoginAsync);
        app.MapPost("/api/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).RequireAuthorization().RequireCsrf();
        app.MapGet("/api/me", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var me = WebPrincipal.Of(context);
            return new { me.UserName, me.Role, me.Region, csrf = antiforgery.GetAndStoreTokens(context).RequestToken };
        }).RequireAuthorization();
    }

    private static async Task<IResult> LoginAsync(HttpContext context, LoginRequest request, OfficerData data, LoginLimiter limiter, IAntiforgery antiforgery)
    {
        var userName = request.UserName?.Trim() ?? "";
        var remote = WebPrincipal.Remote(context);
        if (!limiter.TryAcquire(remote, userName))
            return Results.Json(new { error = "登录尝试过多，请一分钟后再试 (too many attempts; try again in a minute)" }, statusCode: StatusCodes.Status429TooManyRequests);
        if (!await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest(new { error = $"missing or invalid antiforgery token ({OfficerWeb.CsrfHeader})" });
        var user = userName.Length == 0 || request.Password is null ? null : data.Users.Verify(userName, request.Password);
        if (user is null)
        {
            data.Audit.Write(userName.Length > 64 ? userName[..64] : userName, "", "login-failed", null, null, null, remote, DateTimeOffset.UtcNow);
            return Results.Json(new { error = "用户名或密码错误 (wrong user name or password)" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var principal = WebPrincipal.ToClaims(user);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        data.Audit.Write(user.UserName, user.Role, "login", null, null, null, remote, DateTimeOffset.UtcNow);
        context.User = principal; // the next token belongs to the signed-in user
        return Results.Ok(new { user.UserName, user.Role, user.Region, csrf = antiforgery.GetAndStoreTokens(context).RequestToken });
    }
}
