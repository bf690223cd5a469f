using System.Globalization;
using System.Text;
using System.Text.Json;
using DataHub.Hub.Web;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// The case list's page and count statements, composed only from the fixed pieces below: a client's text reaches SQL Server
/// only as a bound parameter, the sort column and direction only as the choice of a piece. A page is, for each case region
/// in scope, a TOP seek on the sort key's region-led index (ix_gap_case_scope_*) from the cursor in sort order, the regions'
/// walks merged and cut to the page before the page's rows are read from the table by id. Tests parse every composition.
/// </summary>
[SqlFragments]
public static class CaseListSql
{
    public const string PageHead = """
        SELECT c.case_id, c.person, c.[rule], c.period, c.region, c.status, c.summary, c.matched_by, c.opened_at, c.updated_at, a.assignee, p.sort_value
        FROM (SELECT TOP (@limit) x.id, x.case_id, x.sort_value
              FROM OPENJSON(@regions) WITH (region nvarchar(12) '$') AS r
              CROSS APPLY (SELECT TOP (@limit) g.id, g.case_id,
        """;

    public const string PageArmTable = " FROM dbo.gap_case AS g WHERE g.region = r.region COLLATE Latin1_General_100_BIN2";

    public const string PageJoin = """
         INNER JOIN dbo.gap_case AS c ON c.id = p.id
         LEFT JOIN dbo.gap_case_assignment AS a ON a.case_id = c.case_id
        """;

    public const string CountsHead = """
        SELECT g.region, g.status, g.[rule], COUNT_BIG(*) AS cases FROM dbo.gap_case AS g
        WHERE g.region >= @low AND g.region < @high
        """;

    public const string CountsTail = " GROUP BY g.region, g.status, g.[rule];";

    public const string RuleTerm = " AND g.[rule] = @rule";
    public const string ActiveTerm = " AND g.status IN (N'new', N'open', N'in-progress')";
    public const string StatusTerm = " AND g.status = @status";
    public const string KeyGroupTerm = " AND g.matched_by = @keyGroup";
    public const string FromTerm = " AND g.opened_at >= @from";
    public const string ToTerm = " AND g.opened_at < @to";

    // Per sort column: the sort value, the cursor's seek (after it in either direction) and the arm's order.
    public const string OpenedValue = " g.opened_at AS sort_value";
    public const string OpenedAfterAscending = " AND g.opened_at >= @afterValue AND (g.opened_at > @afterValue OR g.case_id > @afterId)";
    public const string OpenedAfterDescending = " AND g.opened_at <= @afterValue AND (g.opened_at < @afterValue OR g.case_id < @afterId)";
    public const string OpenedOrderAscending = " ORDER BY g.opened_at ASC, g.case_id ASC";
    public const string OpenedOrderDescending = " ORDER BY g.opened_at DESC, g.case_id DESC";
    public const string UpdatedValue = " g.updated_at AS sort_value";
    public const string UpdatedAfterAscending = " AND g.updated_at >= @afterValue AND (g.updated_at > @afterValue OR g.case_id > @afterId)";
    public const string UpdatedAfterDescending = " AND g.updated_at <= @afterValue AND (g.updated_at < @afterValue OR g.case_id < @afterId)";
    public const string UpdatedOrderAscending = " ORDER BY g.updated_at ASC, g.case_id ASC";
    public const string UpdatedOrderDescending = " ORDER BY g.updated_at DESC, g.case_id DESC";
    public const string RuleValue = " g.[rule] AS sort_value";
    public const string RuleAfterAscending = " AND g.[rule] >= @afterValue AND (g.[rule] > @afterValue OR g.case_id > @afterId)";
    public const string RuleAfterDescending = " AND g.[rule] <= @afterValue AND (g.[rule] < @afterValue OR g.case_id < @afterId)";
    public const string RuleOrderAscending = " ORDER BY g.[rule] ASC, g.case_id ASC";
    public const string RuleOrderDescending = " ORDER BY g.[rule] DESC, g.case_id DESC";
    public const string StatusValue = " g.status AS sort_value";
    public const string StatusAfterAscending = " AND g.status >= @afterValue AND (g.status > @afterValue OR g.case_id > @afterId)";
    public const string StatusAfterDescending = " AND g.status <= @afterValue AND (g.status < @afterValue OR g.case_id < @afterId)";
    public const string StatusOrderAscending = " ORDER BY g.status ASC, g.case_id ASC";
    public const string StatusOrderDescending = " ORDER BY g.status DESC, g.case_id DESC";
    public const string RegionValue = " g.region AS sort_value";
    public const string RegionAfterAscending = " AND g.region >= @afterValue AND (g.region > @afterValue OR g.case_id > @afterId)";
    public const string RegionAfterDescending = " AND g.region <= @afterValue AND (g.region < @afterValue OR g.case_id < @afterId)";
    public const string RegionOrderAscending = " ORDER BY g.region ASC, g.case_id ASC";
    public const string RegionOrderDescending = " ORDER BY g.region DESC, g.case_id DESC";
    // The case id is the whole key (SQL Server refuses an ORDER BY that names a column twice).
    public const string IdValue = " g.case_id AS sort_value";
    public const string IdAfterAscending = " AND g.case_id > @afterId";
    public const string IdAfterDescending = " AND g.case_id < @afterId";
    public const string IdOrderAscending = " ORDER BY g.case_id ASC";
    public const string IdOrderDescending = " ORDER BY g.case_id DESC";

    // The merge of the regions' walks (x) and the page's final order (p).
    public const string MergeAscending = ") AS x ORDER BY x.sort_value ASC, x.case_id ASC) AS p";
    public const string MergeDescending = ") AS x ORDER BY x.sort_value DESC, x.case_id DESC) AS p";
    public const string MergeByIdAscending = ") AS x ORDER BY x.case_id ASC) AS p";
    public const string MergeByIdDescending = ") AS x ORDER BY x.case_id DESC) AS p";
    public const string PageOrderAscending = " ORDER BY p.sort_value ASC, p.case_id ASC;";
    public const string PageOrderDescending = " ORDER BY p.sort_value DESC, p.case_id DESC;";
    public const string PageOrderByIdAscending = " ORDER BY p.case_id ASC;";
    public const string PageOrderByIdDescending = " ORDER BY p.case_id DESC;";

    private sealed record SortPieces(string Value, string AfterAscending, string AfterDescending, string OrderAscending, string OrderDescending, bool IsTime);

    private static readonly IReadOnlyDictionary<string, SortPieces> Sorts = new Dictionary<string, SortPieces>
    {
        ["opened_at"] = new(OpenedValue, OpenedAfterAscending, OpenedAfterDescending, OpenedOrderAscending, OpenedOrderDescending, IsTime: true),
        ["updated_at"] = new(UpdatedValue, UpdatedAfterAscending, UpdatedAfterDescending, UpdatedOrderAscending, UpdatedOrderDescending, IsTime: true),
        ["rule"] = new(RuleValue, RuleAfterAscending, RuleAfterDescending, RuleOrderAscending, RuleOrderDescending, IsTime: false),
        ["status"] = new(StatusValue, StatusAfterAscending, StatusAfterDescending, StatusOrderAscending, StatusOrderDescending, IsTime: false),
        ["region"] = new(RegionValue, RegionAfterAscending, RegionAfterDescending, RegionOrderAscending, RegionOrderDescending, IsTime: false),
        ["case_id"] = new(IdValue, IdAfterAscending, IdAfterDescending, IdOrderAscending, IdOrderDescending, IsTime: false),
    };

    /// <summary>Whether the filter's sort column is a time (its cursor value is a DateTimeOffset in the round-trip format).</summary>
    public static bool SortsByTime(CaseFilter filter) => Sorts[CaseFilter.SortColumns[filter.Sort]].IsTime;

    /// <summary>
    /// The page statement for the filter over these case regions, and its parameters; null when the cursor's sort value is
    /// not a time where the sort column is one (no row can follow it). A cursor without a comma is no cursor, as in SQLite.
    /// </summary>
    public static (string Sql, List<(string Name, object? Value)> Parameters)? Page(CaseFilter filter, IReadOnlyList<string> regions)
    {
        var column = CaseFilter.SortColumns[filter.Sort];
        var sort = Sorts[column];
        var byId = column == "case_id";
        var parameters = new List<(string Name, object? Value)> { ("@limit", filter.Limit + 1), ("@regions", JsonSerializer.Serialize(regions)) };
        var sql = new StringBuilder(PageHead).Append(sort.Value).Append(PageArmTable);
        AppendTerms(sql, parameters, filter);
        if (filter.After is { } after && after.LastIndexOf(',') is var comma and > 0)
        {
            sql.Append(filter.Descending ? sort.AfterDescending : sort.AfterAscending);
            parameters.Add(("@afterId", after[(comma + 1)..]));
            if (!byId)
            {
                var value = after[..comma];
                if (!sort.IsTime) parameters.Add(("@afterValue", value));
                else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) parameters.Add(("@afterValue", at));
                else return null;
            }
        }
        sql.Append(filter.Descending ? sort.OrderDescending : sort.OrderAscending)
            .Append(byId ? filter.Descending ? MergeByIdDescending : MergeByIdAscending : filter.Descending ? MergeDescending : MergeAscending)
            .Append(PageJoin)
            .Append(byId ? filter.Descending ? PageOrderByIdDescending : PageOrderByIdAscending : filter.Descending ? PageOrderDescending : PageOrderAscending);
        return (sql.ToString(), parameters);
    }

    /// <summary>The counts statement for the filter inside [low, high), and its parameters.</summary>
    public static (string Sql, List<(string Name, object? Value)> Parameters) Counts(CaseFilter filter, string low, string high)
    {
        var parameters = new List<(string Name, object? Value)> { ("@low", low), ("@high", high) };
        var sql = new StringBuilder(CountsHead);
        AppendTerms(sql, parameters, filter);
        return (sql.Append(CountsTail).ToString(), parameters);
    }

    /// <summary>The filter terms; opened dates are whole UTC days (from inclusive, to inclusive), as SQLite compares the stored UTC times.</summary>
    private static void AppendTerms(StringBuilder sql, List<(string Name, object? Value)> parameters, CaseFilter f)
    {
        if (f.Rule is not null) { sql.Append(RuleTerm); parameters.Add(("@rule", f.Rule)); }
        if (f.Status == CaseFilter.ActiveStatus) sql.Append(ActiveTerm);
        else if (f.Status is not null) { sql.Append(StatusTerm); parameters.Add(("@status", f.Status)); }
        if (f.KeyGroup is not null) { sql.Append(KeyGroupTerm); parameters.Add(("@keyGroup", f.KeyGroup)); }
        if (f.From is { } from) { sql.Append(FromTerm); parameters.Add(("@from", Midnight(from))); }
        if (f.To is { } to) { sql.Append(ToTerm); parameters.Add(("@to", Midnight(to.AddDays(1)))); }
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
