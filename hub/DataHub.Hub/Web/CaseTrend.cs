using DataHub.Hub.Store;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Web;

/// <summary>The active cases in a user's scope right after one reconciliation run (a point of the trend chart).</summary>
public sealed record TrendPoint(string RunId, DateTimeOffset At, long Active, IReadOnlyDictionary<string, long> ByRule);

/// <summary>
/// The trend across reconciliation runs: how many cases were active, by region and rule, as each run left them.
/// A run is every run id the engine wrote into gap_case_history (its changes all carry the run's one timestamp), and
/// every finished run in reconciliation_run (runs that changed nothing included). The state after a run is replayed
/// from the history (each case's last change at or before the run), so it is exact whenever it is computed — also for a
/// run made by `datahub reconcile` while no server ran — and it is computed once per run into gap_case_trend.
/// A case is counted under its current region (a case's region changes only when its pooling area does).
/// </summary>
public sealed class CaseTrend : ICaseTrend
{
    public const int DefaultRuns = 30;
    private readonly SqliteDatabase _db;
    private readonly Lock _computing = new();

    public CaseTrend(SqliteDatabase db) => _db = db;

    /// <summary>The last <paramref name="runs"/> runs, oldest first, counted inside the scope.</summary>
    public IReadOnlyList<TrendPoint> For(RegionScope scope, int runs = DefaultRuns)
    {
        Refresh(runs);
        var (low, high) = scope.Range;
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT r.run_id, r.at, t.region, t.rule, t.active
            FROM (SELECT run_id, at FROM gap_case_trend_run ORDER BY at DESC, run_id DESC LIMIT $runs) r
            LEFT JOIN gap_case_trend t ON t.run_id = r.run_id AND t.region >= $low AND t.region < $high
            ORDER BY r.at, r.run_id
            """;
        cmd.Parameters.AddWithValue("$runs", runs);
        cmd.Parameters.AddWithValue("$low", low);
        cmd.Parameters.AddWithValue("$high", high);
        var points = new List<(string Run, string At, Dictionary<string, long> ByRule)>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            if (points.Count == 0 || points[^1].Run != r.GetString(0)) points.Add((r.GetString(0), r.GetString(1), []));
            if (r.IsDBNull(2) || !scope.Covers(r.GetString(2))) continue;
            var byRule = points[^1].ByRule;
            byRule[r.GetString(3)] = byRule.GetValueOrDefault(r.GetString(3)) + r.GetInt64(4);
        }
        return points.Select(p => new TrendPoint(p.Run, DateTimeOffset.Parse(p.At), p.ByRule.Values.Sum(),
            p.ByRule.OrderBy(x => x.Key, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Value))).ToList();
    }

    /// <summary>Computes the points of the last runs not computed yet; returns how many it computed.</summary>
    public int Refresh(int runs = DefaultRuns)
    {
        lock (_computing)
        {
            using var c = _db.Open();
            var computed = new HashSet<string>(Strings(c, "SELECT run_id FROM gap_case_trend_run"));
            var missing = Runs(c, runs).Where(run => !computed.Contains(run.RunId)).ToList();
            foreach (var (runId, at) in missing) Compute(c, runId, at);
            return missing.Count;
        }
    }

    /// <summary>The last runs (id, time): the engine's run ids in the history, and finished runs of reconciliation_run when that table exists.</summary>
    private static IEnumerable<(string RunId, string At)> Runs(SqliteConnection c, int runs)
    {
        // A loose index scan of gap_case_history_run (run_id, at): one seek per distinct run, however long the history.
        // A run's history rows all carry the time its gaps were applied, so MIN(at) is the run's moment.
        var found = Pairs(c, """
            WITH RECURSIVE runs(run_id) AS (
                SELECT (SELECT MIN(run_id) FROM gap_case_history INDEXED BY gap_case_history_run WHERE run_id IS NOT NULL)
                UNION ALL
                SELECT (SELECT MIN(run_id) FROM gap_case_history INDEXED BY gap_case_history_run WHERE run_id > runs.run_id) FROM runs WHERE runs.run_id IS NOT NULL)
            SELECT run_id, (SELECT MIN(at) FROM gap_case_history INDEXED BY gap_case_history_run WHERE run_id = runs.run_id) FROM runs WHERE run_id IS NOT NULL
            """).ToDictionary(p => p.Key, p => p.Value);
        if (Strings(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'reconciliation_run'").Count > 0)
            foreach (var (runId, finished) in Pairs(c, "SELECT run_id, finished_at FROM reconciliation_run WHERE finished_at IS NOT NULL AND status IN ('succeeded', 'data-lost')"))
                found.TryAdd(runId, finished); // a run that changed no case; one that did keeps its apply time
        return found.OrderByDescending(p => p.Value, StringComparer.Ordinal).Take(runs).Select(p => (p.Key, p.Value));
    }

    /// <summary>Replays each case's last change at or before the run and counts the active ones by region and rule.</summary>
    private static void Compute(SqliteConnection c, string runId, string at)
    {
        using var tx = c.BeginTransaction();
        foreach (var sql in new[]
        {
            $"""
            INSERT OR IGNORE INTO gap_case_trend (run_id, region, rule, active)
            SELECT $run, g.region, g.rule, COUNT(*) FROM gap_case g
            WHERE g.opened_at <= $at
              AND (SELECT h.to_status FROM gap_case_history h WHERE h.case_id = g.case_id AND h.at <= $at ORDER BY h.id DESC LIMIT 1) IN {CaseFilterSql.ActiveStatuses}
            GROUP BY g.region, g.rule
            """,
            "INSERT OR IGNORE INTO gap_case_trend_run (run_id, at) VALUES ($run, $at)",
        })
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$run", runId);
            cmd.Parameters.AddWithValue("$at", at);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static List<string> Strings(SqliteConnection c, string sql) => Pairs(c, sql, columns: 1).Select(p => p.Key).ToList();

    private static List<KeyValuePair<string, string>> Pairs(SqliteConnection c, string sql, int columns = 2)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<KeyValuePair<string, string>>();
        while (r.Read()) list.Add(new(r.GetString(0), columns > 1 ? r.GetString(1) : ""));
        return list;
    }
}
