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
        CREATE INDEX IF NOT EXISTS gap_case_region_status ON gap_case (region, status, rule);
        CREATE INDEX IF NOT EXISTS gap_case_opened ON gap_case (opened_at, case_id, region, status, rule, matched_by);
        CREATE INDEX IF NOT EXISTS gap_case_updated ON gap_case (updated_at, case_id, region, status, rule, matched_by, opened_at);
        CREATE INDEX IF NOT EXISTS gap_case_rule ON gap_case (rule, case_id);
        CREATE INDEX IF NOT EXISTS gap_case_status_id ON gap_case (status, case_id);
        CREATE INDEX IF NOT EXISTS gap_case_region_id ON gap_case (region, case_id);
        """;

    /// <summary>
    /// Creates the tables once per process, and an index per sort key of the case list: a page is then a seek to the
    /// cursor in sort order that stops after 51 rows in scope, instead of sorting every case of a region.
    /// </summary>
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
