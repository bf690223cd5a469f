using DataHub.Hub.Store;

namespace DataHub.Hub.Web;

/// <summary>Web users in the SQLite store; passwords only as hashes (<see cref="WebUserRules"/>).</summary>
public sealed class WebUserStore : IWebUserStore
{
    private readonly SqliteDatabase _db;

    public WebUserStore(SqliteDatabase db)
    {
        _db = db;
        OfficerWebStore.Ensure(db);
    }

    /// <summary>Creates the user or replaces their role, region and password.</summary>
    public WebUser Upsert(string userName, string role, string region, string password, DateTimeOffset now)
    {
        var user = WebUserRules.NewUser(userName, role, region, password, now);
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
    public WebUser? Verify(string userName, string password) => WebUserRules.Verify(Find(userName), userName, password);
}
