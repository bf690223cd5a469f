using DataHub.Hub.Store;

namespace DataHub.Hub.Web;

/// <summary>One audit row: who did what, when, to which case, and why.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string User, string Role, string Action, string? CaseId, string? Reason, string? Detail, string? Remote);

/// <summary>The audit log of the web app in SQLite: reveals, exports, logins and case actions. Append-only; auditors read it.</summary>
public sealed class AuditLog : IAuditLog
{
    private readonly SqliteDatabase _db;

    public AuditLog(SqliteDatabase db)
    {
        _db = db;
        OfficerWebStore.Ensure(db);
    }

    public void Write(string user, string role, string action, string? caseId, string? reason, string? detail, string? remote, DateTimeOffset at)
    {
        using var c = _db.Open();
        OfficerWebStore.Execute(c, "INSERT INTO web_audit (at, user_name, role, action, case_id, reason, detail, remote) VALUES ($a, $u, $r, $x, $c, $why, $d, $ip)",
            ("$a", at.ToString("O")), ("$u", user), ("$r", role), ("$x", action), ("$c", caseId), ("$why", reason), ("$d", detail), ("$ip", remote));
    }

    /// <summary>Newest first; <paramref name="before"/> is the id to page below.</summary>
    public IReadOnlyList<AuditEntry> Read(string? action, string? user, long? before, int limit)
    {
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT id, at, user_name, role, action, case_id, reason, detail, remote FROM web_audit
            WHERE ($x IS NULL OR action=$x) AND ($u IS NULL OR user_name=$u) AND ($b IS NULL OR id < $b)
            ORDER BY id DESC LIMIT $l
            """;
        cmd.Parameters.AddWithValue("$x", (object?)action ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$u", (object?)user ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$b", (object?)before ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$l", Math.Clamp(limit, 1, 500));
        using var r = cmd.ExecuteReader();
        var list = new List<AuditEntry>();
        while (r.Read())
            list.Add(new AuditEntry(r.GetInt64(0), DateTimeOffset.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4),
                Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8)));
        return list;
    }

    private static string? Text(Microsoft.Data.Sqlite.SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
