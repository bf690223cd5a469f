using DataHub.Hub.Web;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary><see cref="IAuditLog"/> in SQL Server (statements in <see cref="WebSql"/>): append-only, read newest first.</summary>
public sealed class SqlServerAuditLog(SqlServerDatabase db) : IAuditLog
{
    public void Write(string user, string role, string action, string? caseId, string? reason, string? detail, string? remote, DateTimeOffset at)
    {
        using var c = db.Open();
        using var cmd = Create(c, WebSql.WriteAudit, ("@at", at), ("@user", user), ("@role", role), ("@action", action), ("@case", caseId),
            ("@reason", reason), ("@detail", detail), ("@remote", remote));
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<AuditEntry> Read(string? action, string? user, long? before, int limit)
    {
        using var c = db.Open();
        using var cmd = Create(c, WebSql.ReadAudit, ("@limit", Math.Clamp(limit, 1, 500)), ("@action", action), ("@user", user), ("@before", before));
        using var r = cmd.ExecuteReader();
        var list = new List<AuditEntry>();
        while (r.Read())
            list.Add(new AuditEntry(r.GetInt64(0), r.GetDateTimeOffset(1), r.GetString(2), r.GetString(3), r.GetString(4),
                Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8)));
        return list;
    }

    private static string? Text(SqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
