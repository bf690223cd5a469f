using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace DataHub.Hub.Web;

/// <summary>The signed-in user as the cookie carries them: name, role and region.</summary>
public sealed record WebPrincipal(string UserName, string Role, string Region)
{
    public const string RegionClaim = "datahub:region";

    public RegionScope Scope => new(Region);

    public static ClaimsPrincipal ToClaims(WebUser user) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, user.UserName), new Claim(ClaimTypes.Role, user.Role), new Claim(RegionClaim, user.Region),
    ], "cookie", ClaimTypes.Name, ClaimTypes.Role));

    public static WebPrincipal Of(HttpContext context)
    {
        var u = context.User;
        return new WebPrincipal(u.Identity?.Name ?? throw new InvalidOperationException("not signed in"),
            u.FindFirstValue(ClaimTypes.Role) ?? "", u.FindFirstValue(RegionClaim) ?? "");
    }

    public static string? Remote(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
