using System.Text;

namespace DataHub.Hub.Web;

/// <summary>
/// One page of the case list. Every sort key has an index led by the region and carrying every filter column
/// (OfficerWebStore), so for each case region inside the scope the page is an index seek to (region, cursor) that
/// walks in sort order and stops after limit+1 matches, never touching another region's cases; the regions' walks
/// are merged by SQLite (one UNION ALL arm per region) and only the rows of the page are read from the table.
/// A page so costs about the same at the first cursor and the thousandth, and for 10 k cases or 10 M.
/// </summary>
internal static class CasePageQuery
{
    /// <summary>Regions per statement (SQLite allows 500 compound terms); a wider scope runs more statements, merged here.</summary>
    private const int ArmsPerStatement = 100;

    private const string Columns = "g.case_id, g.person, g.rule, g.period, g.region, g.status, g.summary, g.matched_by, g.opened_at, g.updated_at, a.assignee";

    /// <summary>The index each sort column is walked on (region and case id sort both walk (region, case_id)).</summary>
    public static IReadOnlyDictionary<string, string> SortIndexes { get; } = new Dictionary<string, string>
    {
        ["opened_at"] = "gap_case_scope_opened", ["updated_at"] = "gap_case_scope_updated", ["rule"] = "gap_case_scope_rule",
        ["status"] = "gap_case_scope_status", ["region"] = "gap_case_scope_id", ["case_id"] = "gap_case_scope_id",
    };

    public static CasePage Run(ReadConnection c, RegionScope scope, RegionScope clipped, CaseFilter filter, Func<string, string> maskPerson)
    {
        var regions = CaseFilterSql.RegionsIn(c, clipped).Where(scope.Covers).ToList();
        var rows = new List<(CaseRow Row, string SortValue)>();
        foreach (var arms in regions.Chunk(ArmsPerStatement))
        {
            var (sql, parameters) = Statement(arms, filter);
            using var r = c.Command(sql, parameters).ExecuteReader();
            while (r.Read())
            {
                var row = CaseQueries.Read(r, maskPerson);
                if (scope.Covers(row.Region)) rows.Add((row, r.GetString(11))); // the seek already scopes; this is the second lock
            }
        }
        if (regions.Count > ArmsPerStatement) rows.Sort((x, y) => Compare(x, y, filter.Descending));
        var more = rows.Count > filter.Limit;
        if (rows.Count > filter.Limit) rows.RemoveRange(filter.Limit, rows.Count - filter.Limit);
        return new CasePage(rows.Select(x => x.Row).ToList(), more ? $"{rows[^1].SortValue},{rows[^1].Row.CaseId}" : null);
    }

    /// <summary>SQLite's plan for the page (EXPLAIN QUERY PLAN), for tests and the benchmark.</summary>
    public static IReadOnlyList<string> Plan(ReadConnection c, RegionScope clipped, CaseFilter filter)
    {
        var regions = CaseFilterSql.RegionsIn(c, clipped);
        if (regions.Count == 0) return [];
        var (sql, parameters) = Statement(regions.Take(ArmsPerStatement).ToArray(), filter);
        return Explain(c, sql, parameters);
    }

    /// <summary>EXPLAIN QUERY PLAN of a statement: one line per step, indented two spaces per level as the sqlite3 shell draws it.</summary>
    public static IReadOnlyList<string> Explain(ReadConnection c, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        using var r = c.Command("EXPLAIN QUERY PLAN " + sql, parameters).ExecuteReader();
        var depth = new Dictionary<long, int> { [0] = -1 };
        var lines = new List<string>();
        while (r.Read())
        {
            var level = depth.GetValueOrDefault(r.GetInt64(1), -1) + 1;
            depth[r.GetInt64(0)] = level;
            lines.Add(new string(' ', 2 * level) + r.GetString(3));
        }
        return lines;
    }

    private static (string Sql, Dictionary<string, object?> Parameters) Statement(IReadOnlyList<string> regions, CaseFilter filter)
    {
        var parameters = new Dictionary<string, object?>();
        var column = CaseFilter.SortColumns[filter.Sort];
        var dir = filter.Descending ? "DESC" : "ASC";
        var byId = column == "case_id"; // the id is the whole key (SQLite sorts again for an ORDER BY that names a column twice)
        // Only the sort column may be sought (pinned to one value, or a range of opened dates, the walk stays in sort
        // order); every other filter is checked inside the index as it is walked.
        var terms = CaseFilterSql.Terms(parameters, filter, name => name == column);
        if (filter.After is { } after && after.LastIndexOf(',') is var comma and > 0)
        {
            var op = filter.Descending ? "<" : ">";
            terms += byId ? $" AND g.case_id {op} $afterId" : $" AND (g.{column}, g.case_id) {op} ($afterValue, $afterId)"; // a row value: the seek starts at the cursor
            if (!byId) parameters["$afterValue"] = after[..comma];
            parameters["$afterId"] = after[(comma + 1)..];
        }
        string Order(string prefix, string sortKey) => byId ? $"{prefix}case_id {dir}" : $"{prefix}{sortKey} {dir}, {prefix}case_id {dir}";
        // The arms' keys are merged and cut to the page first; only then are the page's rows read from the table.
        var sql = new StringBuilder($"SELECT {Columns}, p.sort_value FROM (SELECT * FROM (");
        for (var i = 0; i < regions.Count; i++)
        {
            if (i > 0) sql.Append(" UNION ALL ");
            sql.Append($"SELECT * FROM (SELECT g.rowid AS rid, g.{column} AS sort_value, g.case_id AS case_id FROM gap_case g INDEXED BY {SortIndexes[column]}")
                .Append($" WHERE g.region = $r{i}{terms} ORDER BY {Order("g.", column)} LIMIT $limit)");
            parameters[$"$r{i}"] = regions[i];
        }
        sql.Append($") ORDER BY {Order("", "sort_value")} LIMIT $limit) p")
            .Append($" JOIN gap_case g ON g.rowid = p.rid LEFT JOIN gap_case_assignment a ON a.case_id = g.case_id ORDER BY {Order("p.", "sort_value")}");
        parameters["$limit"] = filter.Limit + 1;
        return (sql.ToString(), parameters);
    }

    /// <summary>BINARY collation order (the sort values and ids are ASCII, where ordinal UTF-16 order is the same).</summary>
    private static int Compare((CaseRow Row, string SortValue) x, (CaseRow Row, string SortValue) y, bool descending)
    {
        var order = string.CompareOrdinal(x.SortValue, y.SortValue);
        if (order == 0) order = string.CompareOrdinal(x.Row.CaseId, y.Row.CaseId);
        return descending ? -order : order;
    }
}
