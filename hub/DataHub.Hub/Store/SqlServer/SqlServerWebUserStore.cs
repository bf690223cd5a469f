using DataHub.Hub.Web;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary><see cref="IWebUserStore"/> in SQL Server (statements in <see cref="WebSql"/>); checks and hashes as <see cref="WebUserRules"/>, like SQLite's.</summary>
public sealed class SqlServerWebUserStore(SqlServerDatabase db) : IWebUserStore
{
    public WebUser Upsert(string userName, string role, string region, string password, DateTimeOffset now)
    {
        var user = WebUserRules.NewUser(userName, role, region, password, now);
        using var c = db.Open();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);
        using var cmd = Create(c, WebSql.UpsertUser, tx, ("@user", userName), ("@role", role), ("@region", region), ("@hash", user.PasswordHash), ("@created", now));
        cmd.ExecuteNonQuery();
        tx.Commit();
        return user;
    }

    public WebUser? Find(string userName) => Read(WebSql.FindUser, ("@user", userName)).SingleOrDefault();

    public IReadOnlyList<WebUser> All() => Read(WebSql.AllUsers);

    public WebUser? Verify(string userName, string password) => WebUserRules.Verify(Find(userName), userName, password);

    private List<WebUser> Read(string sql, params (string Name, object? Value)[] parameters)
    {
        using var c = db.Open();
        using var cmd = Create(c, sql, parameters);
        using var r = cmd.ExecuteReader();
        var list = new List<WebUser>();
        while (r.Read()) list.Add(new WebUser(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDateTimeOffset(4)));
        return list;
    }
}
