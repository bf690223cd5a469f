using DataHub.Hub.Store;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Web;

/// <summary>The web app's own tables: users, the audit log and case assignments (beside the gap cases in the same store).</summary>
public static class OfficerWebStore
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS web_user (
            user_name TEXT PRIMARY KEY, role TEXT NOT NULL, region TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS web_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user_name TEXT NOT NULL, role TEXT NOT NULL,
            action TEXT NOT NULL, case_id TEXT, reason TEXT, detail TEXT, remote TEXT);
        CREATE INDEX IF NOT EXISTS web_audit_at ON web_audit (at);
        CREATE TABLE IF NOT EXISTS gap_case_assignment (
            case_id TEXT PRIMARY KEY, assignee TEXT NOT NULL, assigned_by TEXT NOT NULL, at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS gap_case_region_opened ON gap_case (region, opened_at, case_id);
        CREATE INDEX IF NOT EXISTS gap_case_region_status ON gap_case (region, status);
        """;

    /// <summary>Creates the tables (and the indexes the case list's region scope needs) once per process.</summary>
    public static void Ensure(SqliteDatabase db)
    {
        // gap_case belongs to GapCaseStore; creating it first lets the indexes above refer to it.
        _ = new Reconciliation.GapCaseStore(db);
        db.EnsureSchema("officer-web", Ddl);
    }

    internal static void Execute(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }
}
