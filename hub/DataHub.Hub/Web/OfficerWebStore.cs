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
        DROP INDEX IF EXISTS gap_case_region_status;
        DROP INDEX IF EXISTS gap_case_opened;
        DROP INDEX IF EXISTS gap_case_updated;
        DROP INDEX IF EXISTS gap_case_rule;
        DROP INDEX IF EXISTS gap_case_status_id;
        DROP INDEX IF EXISTS gap_case_region_id;
        CREATE INDEX IF NOT EXISTS gap_case_scope_opened ON gap_case (region, opened_at, case_id, status, rule, matched_by);
        CREATE INDEX IF NOT EXISTS gap_case_scope_updated ON gap_case (region, updated_at, case_id, status, rule, matched_by, opened_at);
        CREATE INDEX IF NOT EXISTS gap_case_scope_rule ON gap_case (region, rule, case_id, status, matched_by, opened_at);
        CREATE INDEX IF NOT EXISTS gap_case_scope_status ON gap_case (region, status, case_id, rule, matched_by, opened_at);
        CREATE INDEX IF NOT EXISTS gap_case_scope_id ON gap_case (region, case_id, status, rule, matched_by, opened_at);
        CREATE INDEX IF NOT EXISTS gap_case_tally ON gap_case (region, status, rule, matched_by, opened_at);
        CREATE INDEX IF NOT EXISTS gap_case_history_run ON gap_case_history (run_id, at);
        CREATE TABLE IF NOT EXISTS gap_case_trend_run (run_id TEXT PRIMARY KEY, at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS gap_case_trend (
            run_id TEXT NOT NULL, region TEXT NOT NULL, rule TEXT NOT NULL, active INTEGER NOT NULL, PRIMARY KEY (run_id, region, rule));
        """;

    /// <summary>
    /// Creates the tables once per process, and the case list's indexes: one per sort key, each led by the region and
    /// carrying every filter column (see <see cref="CasePageQuery"/>), one for the counts (<see cref="CaseCounts"/>, in
    /// GROUP BY order) and one over the engine's history rows by run (<see cref="CaseTrend"/>). The dropped ones are
    /// the earlier sort indexes that were not led by the region (a page walked every region's cases).
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
