namespace DataHub.Hub.Web;

/// <summary>The case list's filters, sorting and page, as read from the query string (all optional).</summary>
public sealed record CaseFilter(string? Rule, string? Status, string? Region, string? KeyGroup, DateOnly? From, DateOnly? To,
    string Sort, bool Descending, string? After, int Limit)
{
    public const int MaxLimit = 200;

    /// <summary>The status filter for every case still to work: new, open or in progress.</summary>
    public const string ActiveStatus = "active";

    /// <summary>Sort keys a client may name, mapped to columns: the only way a client's text reaches the ORDER BY.</summary>
    public static IReadOnlyDictionary<string, string> SortColumns { get; } = new Dictionary<string, string>
    {
        ["opened"] = "opened_at", ["updated"] = "updated_at", ["rule"] = "rule", ["region"] = "region", ["status"] = "status", ["id"] = "case_id",
    };

    public static CaseFilter Parse(Microsoft.AspNetCore.Http.IQueryCollection q, int defaultLimit = 50)
    {
        var sort = q["sort"].ToString();
        if (!SortColumns.ContainsKey(sort)) sort = "opened";
        var limit = int.TryParse(q["limit"], out var l) ? Math.Clamp(l, 1, MaxLimit) : defaultLimit;
        return new CaseFilter(Text(q["rule"]), Text(q["status"]), Text(q["region"]), Text(q["keyGroup"]), Day(q["from"]), Day(q["to"]),
            sort, q["dir"].ToString() == "desc", Text(q["after"]), limit);
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues v) => string.IsNullOrWhiteSpace(v.ToString()) ? null : v.ToString().Trim();

    private static DateOnly? Day(Microsoft.Extensions.Primitives.StringValues v) =>
        DateOnly.TryParseExact(v.ToString(), "yyyy-MM-dd", out var d) ? d : null;
}

/// <summary>One row of the case list (the person already masked).</summary>
public sealed record CaseRow(string CaseId, string Person, string Rule, string Period, string Region, string Status, string Summary,
    string MatchedBy, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, string? Assignee);

/// <summary>A page: its rows and the cursor for the next page (null on the last one).</summary>
public sealed record CasePage(IReadOnlyList<CaseRow> Cases, string? Next);
