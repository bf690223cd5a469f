using DataHub.Hub.Web;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// <see cref="ICaseCounts"/> in SQL Server: one GROUP BY over ix_gap_case_tally (region, status, rule, …) inside the scope's
/// code range, kept by <see cref="CaseCountCache"/> until the change stamp moves, as SQLite's <see cref="CaseCounts"/>.
/// </summary>
public sealed class SqlServerCaseCounts(SqlServerDatabase db) : ICaseCounts
{
    private readonly CaseCountCache _cache = new();

    public CaseCountSummary For(RegionScope scope, CaseFilter filter)
    {
        if (scope.Clip(filter.Region) is not { } clipped) return CaseCountSummary.Empty;
        using var c = db.Open();
        CaseChangeStamp stamp;
        using (var cmd = Create(c, CaseQuerySql.ChangeStamp))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            stamp = new CaseChangeStamp(r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1));
        }
        return _cache.GetOrCount(clipped, filter, stamp, () =>
        {
            var (low, high) = clipped.Range;
            var (sql, parameters) = CaseListSql.Counts(filter, low, high);
            var groups = new List<(string Region, string Status, string Rule, long Count)>();
            using var cmd = Create(c, sql, [.. parameters]);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                if (clipped.Covers(r.GetString(0))) groups.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
            return CaseCountSummary.From(groups);
        });
    }
}
