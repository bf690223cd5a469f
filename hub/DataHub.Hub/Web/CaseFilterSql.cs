using DataHub.Hub.Reconciliation;

namespace DataHub.Hub.Web;

/// <summary>
/// The filter terms of a case query (rule, status, key group, opened dates) as SQL over parameters: a client's text
/// only ever reaches SQLite as a bound value. Region scoping is the caller's (a seek per region, or a code range).
/// </summary>
internal static class CaseFilterSql
{
    public const string ActiveStatuses = $"('{CaseStatus.New}', '{CaseStatus.Open}', '{CaseStatus.InProgress}')";

    /// <summary>
    /// " AND …" per filter. A column <paramref name="seekable"/> rejects carries SQLite's unary +, which keeps the planner
    /// from seeking the index on it: the page query seeks only on the region and the sort key, so rows come out in sort
    /// order and the walk stops after a page (a seek on another column would make SQLite collect and sort every match).
    /// </summary>
    public static string Terms(Dictionary<string, object?> parameters, CaseFilter f, Func<string, bool> seekable)
    {
        string Col(string name) => seekable(name) ? $"g.{name}" : $"+g.{name}";
        var sql = new System.Text.StringBuilder();
        if (f.Rule is not null) { sql.Append($" AND {Col("rule")} = $rule"); parameters["$rule"] = f.Rule; }
        if (f.Status == CaseFilter.ActiveStatus) sql.Append($" AND +g.status IN {ActiveStatuses}");
        else if (f.Status is not null) { sql.Append($" AND {Col("status")} = $status"); parameters["$status"] = f.Status; }
        if (f.KeyGroup is not null) { sql.Append($" AND {Col("matched_by")} = $key"); parameters["$key"] = f.KeyGroup; }
        if (f.From is { } from) { sql.Append($" AND {Col("opened_at")} >= $from"); parameters["$from"] = from.ToString("yyyy-MM-dd"); }
        if (f.To is { } to) { sql.Append($" AND {Col("opened_at")} < $to"); parameters["$to"] = to.AddDays(1).ToString("yyyy-MM-dd"); }
        return sql.ToString();
    }

    /// <summary>
    /// The distinct case regions in [low, high), by a loose index scan (one MIN() seek per region on an index led by
    /// the region): microseconds however many cases there are, and exact at every call.
    /// </summary>
    public static List<string> RegionsIn(ReadConnection c, RegionScope scope)
    {
        var (low, high) = scope.Range;
        var cmd = c.Command("""
            WITH RECURSIVE r(region) AS (
                SELECT (SELECT MIN(region) FROM gap_case INDEXED BY gap_case_scope_id WHERE region >= $low AND region < $high)
                UNION ALL
                SELECT (SELECT MIN(region) FROM gap_case INDEXED BY gap_case_scope_id WHERE region > r.region AND region < $high) FROM r WHERE r.region IS NOT NULL)
            SELECT region FROM r WHERE region IS NOT NULL
            """, new Dictionary<string, object?> { ["$low"] = low, ["$high"] = high });
        using var reader = cmd.ExecuteReader();
        var regions = new List<string>();
        while (reader.Read()) regions.Add(reader.GetString(0));
        return regions;
    }
}
