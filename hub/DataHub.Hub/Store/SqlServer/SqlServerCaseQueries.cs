using DataHub.Hub.Web;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// <see cref="ICaseQueries"/> in SQL Server: the same region scoping, filters and keyset paging as SQLite's <see cref="CaseQueries"/>
/// (pages composed by <see cref="CaseListSql"/>; the case regions in scope found by a loose index scan, each checked against
/// the scope, and every row checked again). SqlClient pools the connections and SQL Server caches each statement's plan.
/// </summary>
public sealed class SqlServerCaseQueries(SqlServerDatabase db) : ICaseQueries
{
    public ICaseCounts Counts { get; } = new SqlServerCaseCounts(db);

    public ICaseTrend Trend { get; } = new SqlServerCaseTrend(db);

    public CasePage List(RegionScope scope, CaseFilter filter, Func<string, string> maskPerson)
    {
        if (scope.Clip(filter.Region) is not { } clipped) return new CasePage([], null);
        using var c = db.Open();
        var regions = RegionsIn(c, clipped).Where(scope.Covers).ToList();
        if (regions.Count == 0 || CaseListSql.Page(filter, regions) is not { } page) return new CasePage([], null);
        var byTime = CaseListSql.SortsByTime(filter);
        var rows = new List<(CaseRow Row, string SortValue)>();
        using (var cmd = Create(c, page.Sql, [.. page.Parameters]))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var row = ReadRow(r, maskPerson);
                // The same cursor text as SQLite's: times in the round-trip format they are stored in there.
                if (scope.Covers(row.Region)) rows.Add((row, byTime ? r.GetDateTimeOffset(11).ToString("O") : r.GetString(11)));
            }
        var more = rows.Count > filter.Limit;
        if (more) rows.RemoveRange(filter.Limit, rows.Count - filter.Limit);
        return new CasePage(rows.Select(x => x.Row).ToList(), more ? $"{rows[^1].SortValue},{rows[^1].Row.CaseId}" : null);
    }

    public (CaseRow Row, string Person, string Evidence)? Find(RegionScope scope, string caseId, Func<string, string> maskPerson)
    {
        using var c = db.Open();
        using var cmd = Create(c, CaseQuerySql.FindCase, ("@id", caseId));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var row = ReadRow(r, maskPerson);
        return scope.Covers(row.Region) ? (row, r.GetString(1), r.GetString(11)) : null;
    }

    public void Assign(string caseId, string assignee, string by, DateTimeOffset at)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);
        using var cmd = Create(c, CaseQuerySql.Assign, tx, ("@id", caseId), ("@assignee", assignee), ("@by", by), ("@at", at));
        cmd.ExecuteNonQuery();
        tx.Commit();
    }

    public void Dispose() { } // pooled connections are SqlClient's

    private static List<string> RegionsIn(SqlConnection c, RegionScope clipped)
    {
        var (low, high) = clipped.Range;
        using var cmd = Create(c, CaseQuerySql.RegionsIn, ("@low", low), ("@high", high));
        using var r = cmd.ExecuteReader();
        var regions = new List<string>();
        while (r.Read()) regions.Add(r.GetString(0));
        return regions;
    }

    /// <summary>The list's columns (case_id … assignee, in <see cref="CaseListSql.PageHead"/>'s order), the person masked.</summary>
    private static CaseRow ReadRow(SqlDataReader r, Func<string, string> maskPerson) =>
        new(r.GetString(0), maskPerson(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            r.GetString(7), r.GetDateTimeOffset(8), r.GetDateTimeOffset(9), r.IsDBNull(10) ? null : r.GetString(10));
}
