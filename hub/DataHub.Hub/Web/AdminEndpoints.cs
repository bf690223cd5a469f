using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataHub.Hub.Web;

public sealed record UserRequest(string? UserName, string? Role, string? Region, string? Password);

/// <summary>GET /api/audit (auditors), GET and POST /api/users (admins). Password hashes never leave the store.</summary>
public static class AdminEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/audit", (string? action, string? user, long? before, int? limit, OfficerData data) =>
            data.Audit.Read(action, user, before, limit ?? 100)).RequireAuthorization(OfficerWeb.AuditPolicy);

        app.MapGet("/api/users", (OfficerData data) => data.Users.All().Select(u => new { u.UserName, u.Role, u.Region, u.CreatedAt }))
            .RequireAuthorization(OfficerWeb.AdminPolicy);
        app.MapPost("/api/users", (HttpContext context, UserRequest request, OfficerData data) =>
        {
            var me = WebPrincipal.Of(context);
            try
            {
                var user = data.Users.Upsert(request.UserName ?? "", request.Role ?? "", request.Region ?? "", request.Password ?? "", DateTimeOffset.UtcNow);
                data.Audit.Write(me.UserName, me.Role, "user-saved", null, null, $"{user.UserName} {user.Role} {user.Region}", WebPrincipal.Remote(context), DateTimeOffset.UtcNow);
                return Results.Ok(new { user.UserName, user.Role, user.Region });
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        }).RequireAuthorization(OfficerWeb.AdminPolicy).RequireCsrf();
    }
}
