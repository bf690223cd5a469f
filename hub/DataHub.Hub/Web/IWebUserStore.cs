namespace DataHub.Hub.Web;

/// <summary>The web app's users: <see cref="WebUserStore"/> in SQLite, <see cref="Store.SqlServer.SqlServerWebUserStore"/> in SQL Server.</summary>
public interface IWebUserStore
{
    /// <summary>Creates the user or replaces their role, region and password (checked by <see cref="WebUserRules.Check"/>; an ArgumentException names what is wrong).</summary>
    WebUser Upsert(string userName, string role, string region, string password, DateTimeOffset now);

    WebUser? Find(string userName);

    /// <summary>Every user, by name (ordinal).</summary>
    IReadOnlyList<WebUser> All();

    /// <summary>The user when the password matches, else null (a missing user costs a hash too).</summary>
    WebUser? Verify(string userName, string password);
}
