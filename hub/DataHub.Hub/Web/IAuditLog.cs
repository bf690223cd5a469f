namespace DataHub.Hub.Web;

/// <summary>The web app's append-only audit log: <see cref="AuditLog"/> in SQLite, <see cref="Store.SqlServer.SqlServerAuditLog"/> in SQL Server.</summary>
public interface IAuditLog
{
    void Write(string user, string role, string action, string? caseId, string? reason, string? detail, string? remote, DateTimeOffset at);

    /// <summary>Newest first (of one action and/or user when given); <paramref name="before"/> is the id to page below; 1 to 500 rows.</summary>
    IReadOnlyList<AuditEntry> Read(string? action, string? user, long? before, int limit);
}
