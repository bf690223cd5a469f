using DataHub.Hub.Reconciliation;

namespace DataHub.Hub.Web;

/// <summary>Active cases of one rule in one region (a bar of the chart).</summary>
public sealed record RuleRegionCount(string Rule, string Region, long Count);

/// <summary>The counts under a filter: total, by status, rule and region; active cases by rule and region.</summary>
public sealed record CaseCountSummary(long Total, IReadOnlyDictionary<string, long> ByStatus, IReadOnlyDictionary<string, long> ByRule,
    IReadOnlyDictionary<string, long> ByRegion, IReadOnlyList<RuleRegionCount> ActiveByRuleAndRegion)
{
    public static CaseCountSummary Empty { get; } = From([]);

    internal static CaseCountSummary From(IReadOnlyList<(string Region, string Status, string Rule, long Count)> groups)
    {
        Dictionary<string, long> By(Func<(string Region, string Status, string Rule, long Count), string> key) =>
            groups.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var active = groups.Where(g => CaseStatus.IsActive(g.Status)).GroupBy(g => (g.Rule, g.Region))
            .Select(g => new RuleRegionCount(g.Key.Rule, g.Key.Region, g.Sum(x => x.Count))).ToList();
        return new CaseCountSummary(groups.Sum(g => g.Count), By(g => g.Status), By(g => g.Rule), By(g => g.Region), active);
    }
}

/// <summary>
/// Counts per filter. Counting is one GROUP BY over gap_case_tally (region, status, rule, matched_by, opened_at): a
/// covering index in GROUP BY order, so SQLite streams the scope's index entries without a sort — still a pass over
/// every case in scope (tens of milliseconds for a province of a million). So the result is kept (MemoryCache, keyed by
/// the clipped region and the filters) with the store's change stamp, and served again until the stamp moves.
/// </summary>
public sealed class CaseCounts : ICaseCounts
{
    private readonly ReadConnections _reads;
    private readonly CaseCountCache _cache = new();

    public CaseCounts(ReadConnections reads) => _reads = reads;

    public CaseCountSummary For(RegionScope scope, CaseFilter filter)
    {
        if (scope.Clip(filter.Region) is not { } clipped) return CaseCountSummary.Empty;
        return _reads.Read(c => _cache.GetOrCount(clipped, filter, ReadStamp(c), () => Count(c, clipped, filter)));
    }

    /// <summary>SQLite's plan for counting under this filter (EXPLAIN QUERY PLAN lines).</summary>
    public IReadOnlyList<string> Plan(RegionScope scope, CaseFilter filter)
    {
        if (scope.Clip(filter.Region) is not { } clipped) return [];
        var (sql, parameters) = Statement(clipped, filter);
        return _reads.Read(c => CasePageQuery.Explain(c, sql, parameters));
    }

    private static (string Sql, Dictionary<string, object?> Parameters) Statement(RegionScope clipped, CaseFilter filter)
    {
        var (low, high) = clipped.Range;
        var parameters = new Dictionary<string, object?> { ["$low"] = low, ["$high"] = high };
        var terms = CaseFilterSql.Terms(parameters, filter, _ => true);
        return ($"""
            SELECT g.region, g.status, g.rule, COUNT(*) FROM gap_case g INDEXED BY gap_case_tally
            WHERE g.region >= $low AND g.region < $high{terms} GROUP BY g.region, g.status, g.rule
            """, parameters);
    }

    private static CaseCountSummary Count(ReadConnection c, RegionScope clipped, CaseFilter filter)
    {
        var (sql, parameters) = Statement(clipped, filter);
        var groups = new List<(string Region, string Status, string Rule, long Count)>();
        using var r = c.Command(sql, parameters).ExecuteReader();
        while (r.Read())
            if (clipped.Covers(r.GetString(0))) groups.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        return CaseCountSummary.From(groups);
    }

    /// <summary>
    /// Moves whenever a case is added or changes: every change the engine or an officer makes to a case writes a
    /// gap_case_history row (GapCaseStore), and a case inserted by any other path still raises the table's top rowid.
    /// Two rowid-maximum lookups: microseconds.
    /// </summary>
    private static CaseChangeStamp ReadStamp(ReadConnection c)
    {
        using var r = c.Command("SELECT (SELECT MAX(id) FROM gap_case_history), (SELECT MAX(rowid) FROM gap_case)", NoParameters).ExecuteReader();
        r.Read();
        return new CaseChangeStamp(r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1));
    }

    private static readonly Dictionary<string, object?> NoParameters = [];
}
