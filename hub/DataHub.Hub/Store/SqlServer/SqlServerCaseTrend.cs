using DataHub.Hub.Web;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// <see cref="ICaseTrend"/> in SQL Server, the same replay as SQLite's <see cref="CaseTrend"/>: a run is every run id the engine
/// wrote into the history and every finished run of dbo.reconciliation_run (when that table is there); each run's point is
/// computed once into dbo.gap_case_trend from each case's last change at or before the run.
/// </summary>
public sealed class SqlServerCaseTrend(SqlServerDatabase db) : ICaseTrend
{
    private readonly Lock _computing = new();

    public IReadOnlyList<TrendPoint> For(RegionScope scope, int runs = CaseTrend.DefaultRuns)
    {
        Refresh(runs);
        var (low, high) = scope.Range;
        using var c = db.Open();
        using var cmd = Create(c, TrendSql.Points, ("@runs", runs), ("@low", low), ("@high", high));
        using var r = cmd.ExecuteReader();
        var points = new List<(string Run, DateTimeOffset At, Dictionary<string, long> ByRule)>();
        while (r.Read())
        {
            if (points.Count == 0 || points[^1].Run != r.GetString(0)) points.Add((r.GetString(0), r.GetDateTimeOffset(1), []));
            if (r.IsDBNull(2) || !scope.Covers(r.GetString(2))) continue;
            var byRule = points[^1].ByRule;
            byRule[r.GetString(3)] = byRule.GetValueOrDefault(r.GetString(3)) + r.GetInt64(4);
        }
        return points.Select(p => new TrendPoint(p.Run, p.At, p.ByRule.Values.Sum(),
            p.ByRule.OrderBy(x => x.Key, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Value))).ToList();
    }

    public int Refresh(int runs = CaseTrend.DefaultRuns)
    {
        lock (_computing)
        {
            using var c = db.Open();
            var computed = new HashSet<string>(Read(c, TrendSql.ComputedRuns, r => r.GetString(0)), StringComparer.Ordinal);
            var missing = Runs(c, runs).Where(run => !computed.Contains(run.RunId)).ToList();
            foreach (var (runId, at) in missing)
            {
                using var tx = c.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);
                using var cmd = Create(c, TrendSql.ComputeRun, tx, ("@run", runId), ("@at", at));
                cmd.CommandTimeout = 0; // a replay over a million cases takes a while; it runs once per run
                cmd.ExecuteNonQuery();
                tx.Commit();
            }
            return missing.Count;
        }
    }

    /// <summary>The last runs (id, time), newest first: the history's runs with their apply time, then finished runs that changed no case.</summary>
    private static IEnumerable<(string RunId, DateTimeOffset At)> Runs(SqlConnection c, int runs)
    {
        var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (runId, at) in Read(c, TrendSql.RunsInHistory, r => (r.GetString(0), r.GetDateTimeOffset(1)))) found[runId] = at;
        if (Read(c, TrendSql.RunHistoryExists, r => r.GetInt32(0)).Single() == 1)
            foreach (var (runId, finished) in Read(c, TrendSql.FinishedRuns, r => (r.GetString(0), FinishedAt(r.GetValue(1)))))
                found.TryAdd(runId, finished);
        return found.OrderByDescending(p => p.Value).Take(runs).Select(p => (p.Key, p.Value));
    }

    /// <summary>The run history's finish time, whichever way its table keeps it (datetimeoffset, datetime2 in UTC, or round-trip text).</summary>
    private static DateTimeOffset FinishedAt(object value) => value switch
    {
        DateTimeOffset at => at,
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        _ => DateTimeOffset.Parse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static List<T> Read<T>(SqlConnection c, string sql, Func<SqlDataReader, T> read)
    {
        using var cmd = Create(c, sql);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(read(r));
        return list;
    }
}
