using DataHub.Schemas.Reference;
using Microsoft.AspNetCore.Identity;

namespace DataHub.Hub.Web;

/// <summary>
/// What every user store checks and how it keeps passwords: ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2-HMAC-SHA512, 100,000 iterations, per-user salt, constant-time compare) — never stored or logged in clear.
/// </summary>
public static class WebUserRules
{
    private static readonly PasswordHasher<WebUser> Hasher = new();

    /// <summary>Throws an ArgumentException naming the first thing wrong with a user to save.</summary>
    public static void Check(string userName, string role, string region, string password)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64) throw new ArgumentException("user name: 1 to 64 characters");
        if (!WebRoles.All.Contains(role)) throw new ArgumentException($"role: one of {string.Join(", ", WebRoles.All)}");
        if (!DivisionTable.Default.Contains(region)) throw new ArgumentException($"region: {region} is not a GB/T 2260 division code");
        if (password.Length < 12) throw new ArgumentException("password: at least 12 characters");
    }

    /// <summary>The user to save: checked, with the password's hash.</summary>
    public static WebUser NewUser(string userName, string role, string region, string password, DateTimeOffset now)
    {
        Check(userName, role, region, password);
        var user = new WebUser(userName, role, region, "", now);
        return user with { PasswordHash = Hasher.HashPassword(user, password) };
    }

    /// <summary>
    /// The stored user when the password matches; a missing user (<paramref name="stored"/> null) costs a hash too, so
    /// timing does not tell which names exist.
    /// </summary>
    public static WebUser? Verify(WebUser? stored, string userName, string password)
    {
        if (stored is null)
        {
            Hasher.HashPassword(new WebUser(userName, "", "", "", default), password);
            return null;
        }
        return Hasher.VerifyHashedPassword(stored, stored.PasswordHash, password) == PasswordVerificationResult.Failed ? null : stored;
    }
}
