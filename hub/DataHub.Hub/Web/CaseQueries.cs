using System.Text;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Web;

/// <summary>
/// Read queries over gap_case for the web app, always inside a <see cref="RegionScope"/>. Every client value is a
/// parameter; the sort column and direction come from a whitelist, so no SQL is ever built from a client's text.
/// Paging is keyset: the cursor is "sort value,case id" of the last row, so deep pages cost the same as the first.
/// </summary>
public sealed class CaseQueries
{
    private const string Columns = "g.case_id, g.person, g.rule, g.period, g.region, g.status, g.summary, g.matched_by, g.opened_at, g.updated_at, a.assignee";
    private readonly SqliteDatabase _db;

    public CaseQueries(SqliteDatabase db)
    {
        _db = db;
        OfficerWebStore.Ensure(db);
    }

    public CasePage List(RegionScope scope, CaseFilter filter, Func<string, string> maskPerson)
    {
        var clipped = scope.Clip(filter.Region);
        if (clipped is null) return new CasePage([], null);
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        var column = CaseFilter.SortColumns[filter.Sort];
        var sql = new StringBuilder($"SELECT {Columns} FROM gap_case g LEFT JOIN gap_case_assignment a ON a.case_id = g.case_id WHERE ");
        sql.Append(Where(cmd, clipped, filter, column));
        if (filter.After is { } after && after.LastIndexOf(',') is var comma and > 0)
        {
            var op = filter.Descending ? "<" : ">";
            sql.Append($" AND (g.{column}, g.case_id) {op} ($afterValue, $afterId)"); // a row value: SQLite seeks the sort index to it
            cmd.Parameters.AddWithValue("$afterValue", after[..comma]);
            cmd.Parameters.AddWithValue("$afterId", after[(comma + 1)..]);
        }
        var dir = filter.Descending ? "DESC" : "ASC";
        sql.Append($" ORDER BY g.{column} {dir}, g.case_id {dir} LIMIT $limit");
        cmd.Parameters.AddWithValue("$limit", filter.Limit + 1);
        cmd.CommandText = sql.ToString();
        var rows = new List<(CaseRow Row, string SortValue)>();
        using (var r = cmd.ExecuteReader())
        {
            var sortOrdinal = r.GetOrdinal(column);
            while (r.Read())
            {
                var row = Read(r, maskPerson);
                if (scope.Covers(row.Region)) rows.Add((row, r.GetString(sortOrdinal))); // the SQL range already scopes; this is the second lock
            }
        }
        var more = rows.Count > filter.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new CasePage(rows.Select(x => x.Row).ToList(), more ? $"{rows[^1].SortValue},{rows[^1].Row.CaseId}" : null);
    }

    /// <summary>Counts under the same filters: total, by status, by rule, by region; and active cases by rule and region (the chart).</summary>
    public object Counts(RegionScope scope, CaseFilter filter)
    {
        var clipped = scope.Clip(filter.Region);
        if (clipped is null) return new { total = 0L, byStatus = new Dictionary<string, long>(), byRule = new Dictionary<string, long>(), byRegion = new Dictionary<string, long>(), activeByRuleAndRegion = Array.Empty<object>() };
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT g.rule, g.region, g.status, COUNT(*) FROM gap_case g WHERE {Where(cmd, clipped, filter, null)} GROUP BY g.rule, g.region, g.status";
        var groups = new List<(string Rule, string Region, string Status, long Count)>();
        using (var r = cmd.ExecuteReader())
            while (r.Read()) groups.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        Dictionary<string, long> By(Func<(string Rule, string Region, string Status, long Count), string> key) =>
            groups.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        return new
        {
            total = groups.Sum(g => g.Count),
            byStatus = By(g => g.Status),
            byRule = By(g => g.Rule),
            byRegion = By(g => g.Region),
            activeByRuleAndRegion = groups.Where(g => CaseStatus.IsActive(g.Status)).GroupBy(g => (g.Rule, g.Region))
                .Select(g => new { rule = g.Key.Rule, region = g.Key.Region, count = g.Sum(x => x.Count) }).ToList(),
        };
    }

    /// <summary>The case when it exists and lies in the scope; otherwise null (the caller answers 404 either way).</summary>
    public (CaseRow Row, string Person, string Evidence)? Find(RegionScope scope, string caseId, Func<string, string> maskPerson)
    {
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns}, g.evidence FROM gap_case g LEFT JOIN gap_case_assignment a ON a.case_id = g.case_id WHERE g.case_id = $id";
        cmd.Parameters.AddWithValue("$id", caseId);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var row = Read(r, maskPerson);
        return scope.Covers(row.Region) ? (row, r.GetString(1), r.GetString(11)) : null;
    }

    public void Assign(string caseId, string assignee, string by, DateTimeOffset at)
    {
        using var c = _db.Open();
        OfficerWebStore.Execute(c, """
            INSERT INTO gap_case_assignment (case_id, assignee, assigned_by, at) VALUES ($c, $a, $b, $t)
            ON CONFLICT (case_id) DO UPDATE SET assignee=$a, assigned_by=$b, at=$t
            """, ("$c", caseId), ("$a", assignee), ("$b", by), ("$t", at.ToString("O")));
    }

    /// <summary>
    /// The filters. For a page (<paramref name="sortColumn"/> set), columns other than the sort key carry SQLite's unary +,
    /// which keeps the planner off their indexes: it then walks the sort key's covering index from the cursor and stops
    /// after a page of matches, rather than collecting a whole region's cases and sorting them. Counts use the indexes.
    /// </summary>
    private static string Where(SqliteCommand cmd, RegionScope scope, CaseFilter f, string? sortColumn)
    {
        string Col(string name) => sortColumn is null || sortColumn == name ? $"g.{name}" : $"+g.{name}";
        var (low, high) = scope.Range;
        var where = new StringBuilder($"{Col("region")} >= $low AND {Col("region")} < $high");
        cmd.Parameters.AddWithValue("$low", low);
        cmd.Parameters.AddWithValue("$high", high);
        if (f.Rule is not null) { where.Append($" AND {Col("rule")} = $rule"); cmd.Parameters.AddWithValue("$rule", f.Rule); }
        if (f.Status == "active") where.Append($" AND {Col("status")} IN ('{CaseStatus.New}', '{CaseStatus.Open}', '{CaseStatus.InProgress}')");
        else if (f.Status is not null) { where.Append($" AND {Col("status")} = $status"); cmd.Parameters.AddWithValue("$status", f.Status); }
        if (f.KeyGroup is not null) { where.Append($" AND {Col("matched_by")} = $key"); cmd.Parameters.AddWithValue("$key", f.KeyGroup); }
        if (f.From is { } from) { where.Append($" AND {Col("opened_at")} >= $from"); cmd.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd")); }
        if (f.To is { } to) { where.Append($" AND {Col("opened_at")} < $to"); cmd.Parameters.AddWithValue("$to", to.AddDays(1).ToString("yyyy-MM-dd")); }
        return where.ToString();
    }

    private static CaseRow Read(SqliteDataReader r, Func<string, string> maskPerson) =>
        new(r.GetString(0), maskPerson(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            r.GetString(7), DateTimeOffset.Parse(r.GetString(8)), DateTimeOffset.Parse(r.GetString(9)), r.IsDBNull(10) ? null : r.GetString(10));
}
