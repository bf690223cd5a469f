using DataHub.Hub.Store;
using DataHub.Schemas.Reference;
using Microsoft.AspNetCore.Identity;

namespace DataHub.Hub.Web;

/// <summary>
/// Web users in the store. Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2-HMAC-SHA512, 100,000 iterations, per-user salt, constant-time compare) — never stored or logged in clear.
/// </summary>
public sealed class WebUserStore
{
    private static readonly PasswordHasher<WebUser> Hasher = new();
    private readonly SqliteDatabase _db;

    public WebUserStore(SqliteDatabase db)
    {
        _db = db;
        OfficerWebStore.Ensure(db);
    }

    /// <summary>Creates the user or replaces their role, region and password.</summary>
    public WebUser Upsert(string userName, string role, string region, string password, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64) throw new ArgumentException("user name: 1 to 64 characters");
        if (!WebRoles.All.Contains(role)) throw new ArgumentException($"role: one of {string.Join(", ", WebRoles.All)}");
        if (!DivisionTable.Default.Contains(region)) throw new ArgumentException($"region: {region} is not a GB/T 2260 division code");
        if (password.Length < 12) throw new ArgumentException("password: at least 12 characters");
        var user = new WebUser(userName, role, region, "", now);
        user = user with { PasswordHash = Hasher.HashPassword(user, password) };
        using var c = _db.Open();
        OfficerWebStore.Execute(c, """
            INSERT INTO web_user (user_name, role, region, password_hash, created_at) VALUES ($u, $r, $g, $h, $a)
            ON CONFLICT (user_name) DO UPDATE SET role=$r, region=$g, password_hash=$h
            """, ("$u", userName), ("$r", role), ("$g", region), ("$h", user.PasswordHash), ("$a", now.ToString("O")));
        return user;
    }

    public WebUser? Find(string userName)
    {
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT user_name, role, region, password_hash, created_at FROM web_user WHERE user_name=$u";
        cmd.Parameters.AddWithValue("$u", userName);
        using var r = cmd.ExecuteReader();
        return r.Read() ? new WebUser(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), DateTimeOffset.Parse(r.GetString(4))) : null;
    }

    public IReadOnlyList<WebUser> All()
    {
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT user_name, role, region, password_hash, created_at FROM web_user ORDER BY user_name";
        using var r = cmd.ExecuteReader();
        var list = new List<WebUser>();
        while (r.Read()) list.Add(new WebUser(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), DateTimeOffset.Parse(r.GetString(4))));
        return list;
    }

    /// <summary>The user when the password matches; a missing user costs a hash too, so timing does not tell which names exist.</summary>
    public WebUser? Verify(string userName, string password)
    {
        var user = Find(userName);
        if (user is null)
        {
            Hasher.HashPassword(new WebUser(userName, "", "", "", default), password);
            return null;
        }
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }
}
