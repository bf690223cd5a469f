namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// The fixed statements of <see cref="SqlServerCaseQueries"/> and <see cref="SqlServerCaseCounts"/> (parameterised; tests
/// parse each one); the filtered page and count statements are composed by <see cref="CaseListSql"/>.
/// </summary>
public static class CaseQuerySql
{
    /// <summary>
    /// The distinct case regions in [@low, @high) by a loose index scan: one seek per region on an index led by the region
    /// (the recursive member's ROW_NUMBER keeps the first row above the last region found), however many cases there are.
    /// </summary>
    public const string RegionsIn = """
        WITH regions (region) AS (
            SELECT f.region FROM (SELECT TOP (1) g.region FROM dbo.gap_case AS g
                                  WHERE g.region >= @low AND g.region < @high ORDER BY g.region) AS f
            UNION ALL
            SELECT n.region FROM (SELECT g.region, ROW_NUMBER() OVER (ORDER BY g.region) AS rn
                                  FROM regions AS r INNER JOIN dbo.gap_case AS g ON g.region > r.region AND g.region < @high) AS n
            WHERE n.rn = 1)
        SELECT r.region FROM regions AS r OPTION (MAXRECURSION 0);
        """;

    public const string FindCase = """
        SELECT c.case_id, c.person, c.[rule], c.period, c.region, c.status, c.summary, c.matched_by, c.opened_at, c.updated_at, a.assignee, c.evidence
        FROM dbo.gap_case AS c LEFT JOIN dbo.gap_case_assignment AS a ON a.case_id = c.case_id
        WHERE c.case_id = @id;
        """;

    public const string Assign = """
        UPDATE dbo.gap_case_assignment WITH (UPDLOCK, SERIALIZABLE) SET assignee = @assignee, assigned_by = @by, at = @at
        WHERE case_id = @id;
        IF @@ROWCOUNT = 0
            INSERT INTO dbo.gap_case_assignment (case_id, assignee, assigned_by, at) VALUES (@id, @assignee, @by, @at);
        """;

    /// <summary>
    /// Moves whenever a case is added or changes (every change writes a history row; an insert raises the top id):
    /// two seeks to the end of clustered keys.
    /// </summary>
    public const string ChangeStamp = """
        SELECT (SELECT MAX(h.id) FROM dbo.gap_case_history AS h), (SELECT MAX(g.id) FROM dbo.gap_case AS g);
        """;
}
