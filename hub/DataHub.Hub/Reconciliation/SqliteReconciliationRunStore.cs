using DataHub.Hub.ScaleOut;
using DataHub.Hub.Store;

namespace DataHub.Hub.Reconciliation;

/// <summary><see cref="IReconciliationRunStore"/> in the embedded SQLite store (table reconciliation_run).</summary>
public sealed class SqliteReconciliationRunStore : IReconciliationRunStore
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS reconciliation_run (
            run_id TEXT PRIMARY KEY, trigger TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
            as_of TEXT NOT NULL, gaps INTEGER, opened INTEGER, changed INTEGER, closed INTEGER, events INTEGER, problem TEXT,
            instance TEXT, scope TEXT);
        """;

    private readonly SqliteDatabase _database;

    public SqliteReconciliationRunStore(SqliteDatabase database)
    {
        _database = database;
        database.EnsureSchema("reconciliation-run", Ddl);
        // Columns added for scale-out, for stores made before them.
        database.AddColumnIfMissing("reconciliation_run", "instance", "TEXT");
        database.AddColumnIfMissing("reconciliation_run", "scope", "TEXT");
    }

    public void Started(string runId, string trigger, DateOnly asOf, string scope) =>
        Execute("INSERT INTO reconciliation_run (run_id, trigger, started_at, status, as_of, instance, scope) VALUES ($r, $t, $n, 'running', $a, $i, $s)",
            ("$r", runId), ("$t", trigger), ("$n", DateTimeOffset.UtcNow.ToString("O")), ("$a", asOf.ToString("yyyy-MM-dd")), ("$i", HubInstance.Name), ("$s", scope));

    public void Finished(string runId, string status, int? gaps, CaseApplyResult? applied, string? problem, int? events) =>
        Execute("UPDATE reconciliation_run SET status=$s, finished_at=$n, gaps=$g, opened=$o, changed=$c, closed=$cl, events=$e, problem=$p WHERE run_id=$r",
            ("$r", runId), ("$s", status), ("$n", DateTimeOffset.UtcNow.ToString("O")), ("$g", gaps), ("$o", applied?.Opened),
            ("$c", applied?.Changed), ("$cl", applied?.Closed), ("$e", events), ("$p", problem));

    public (string Status, string? Problem)? Status(string runId)
    {
        using var c = _database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT status, problem FROM reconciliation_run WHERE run_id=$r";
        cmd.Parameters.AddWithValue("$r", runId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)) : null;
    }

    public IReadOnlyList<ReconciliationRunRecord> Recent(int limit)
    {
        using var c = _database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT run_id, trigger, instance, scope, started_at, finished_at, status, gaps, events, problem FROM reconciliation_run ORDER BY started_at DESC, rowid DESC LIMIT $l";
        cmd.Parameters.AddWithValue("$l", limit);
        using var r = cmd.ExecuteReader();
        var list = new List<ReconciliationRunRecord>();
        while (r.Read())
            list.Add(new ReconciliationRunRecord(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? "" : r.GetString(2), r.IsDBNull(3) ? "" : r.GetString(3),
                DateTimeOffset.Parse(r.GetString(4)), r.IsDBNull(5) ? null : DateTimeOffset.Parse(r.GetString(5)), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetInt32(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9)));
        return list;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var c = _database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }
}
