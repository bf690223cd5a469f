using DataHub.Hub.Store;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Web;

/// <summary>
/// Read queries over gap_case for the web app, always inside a <see cref="RegionScope"/>. Every client value is a
/// parameter; the sort column and direction come from a whitelist, so no SQL is ever built from a client's text.
/// Paging is keyset: the cursor is "sort value,case id" of the last row, so deep pages cost the same as the first.
/// </summary>
public sealed class CaseQueries : ICaseQueries
{
    private const string Columns = "g.case_id, g.person, g.rule, g.period, g.region, g.status, g.summary, g.matched_by, g.opened_at, g.updated_at, a.assignee";
    private readonly SqliteDatabase _db;
    private readonly ReadConnections _reads;

    public CaseQueries(SqliteDatabase db)
    {
        _db = db;
        OfficerWebStore.Ensure(db);
        _reads = new ReadConnections(db);
        Counts = new CaseCounts(_reads);
        Trend = new CaseTrend(db);
    }

    /// <summary>Counts per filter, cached until a case changes.</summary>
    public CaseCounts Counts { get; }

    ICaseCounts ICaseQueries.Counts => Counts;

    /// <summary>Active cases after each reconciliation run.</summary>
    public CaseTrend Trend { get; }

    ICaseTrend ICaseQueries.Trend => Trend;

    public CasePage List(RegionScope scope, CaseFilter filter, Func<string, string> maskPerson)
    {
        if (scope.Clip(filter.Region) is not { } clipped) return new CasePage([], null);
        return _reads.Read(c => CasePageQuery.Run(c, scope, clipped, filter, maskPerson));
    }

    /// <summary>SQLite's plan for a page of this filter (EXPLAIN QUERY PLAN lines; none when the scope holds no case).</summary>
    public IReadOnlyList<string> PagePlan(RegionScope scope, CaseFilter filter)
    {
        if (scope.Clip(filter.Region) is not { } clipped) return [];
        return _reads.Read(c => CasePageQuery.Plan(c, clipped, filter));
    }

    /// <summary>The case when it exists and lies in the scope; otherwise null (the caller answers 404 either way).</summary>
    public (CaseRow Row, string Person, string Evidence)? Find(RegionScope scope, string caseId, Func<string, string> maskPerson)
    {
        return _reads.Read<(CaseRow, string, string)?>(c =>
        {
            using var r = c.Command($"SELECT {Columns}, g.evidence FROM gap_case g LEFT JOIN gap_case_assignment a ON a.case_id = g.case_id WHERE g.case_id = $id",
                new Dictionary<string, object?> { ["$id"] = caseId }).ExecuteReader();
            if (!r.Read()) return null;
            var row = Read(r, maskPerson);
            return scope.Covers(row.Region) ? (row, r.GetString(1), r.GetString(11)) : null;
        });
    }

    public void Assign(string caseId, string assignee, string by, DateTimeOffset at)
    {
        using var c = _db.Open();
        OfficerWebStore.Execute(c, """
            INSERT INTO gap_case_assignment (case_id, assignee, assigned_by, at) VALUES ($c, $a, $b, $t)
            ON CONFLICT (case_id) DO UPDATE SET assignee=$a, assigned_by=$b, at=$t
            """, ("$c", caseId), ("$a", assignee), ("$b", by), ("$t", at.ToString("O")));
    }

    public void Dispose() => _reads.Dispose();

    /// <summary>A row of the columns above (in that order), the person masked.</summary>
    internal static CaseRow Read(SqliteDataReader r, Func<string, string> maskPerson) =>
        new(r.GetString(0), maskPerson(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            r.GetString(7), DateTimeOffset.Parse(r.GetString(8)), DateTimeOffset.Parse(r.GetString(9)), r.IsDBNull(10) ? null : r.GetString(10));
}
