namespace DataHub.Hub.Web;

/// <summary>
/// The web app's reads of the gap cases, always inside a <see cref="RegionScope"/>, and its assignments:
/// <see cref="CaseQueries"/> in SQLite, <see cref="Store.SqlServer.SqlServerCaseQueries"/> in SQL Server. Both page by the
/// same keyset (cursor "sort value,case id", ordinal order, ties by case id) and give the same rows for the same filter.
/// </summary>
public interface ICaseQueries : IDisposable
{
    /// <summary>Counts per filter, cached until a case changes.</summary>
    ICaseCounts Counts { get; }

    /// <summary>Active cases after each reconciliation run.</summary>
    ICaseTrend Trend { get; }

    /// <summary>One page of the cases in the scope under the filter (its region clipped to the scope), the person masked.</summary>
    CasePage List(RegionScope scope, CaseFilter filter, Func<string, string> maskPerson);

    /// <summary>The case when it exists and lies in the scope (row, unmasked person, evidence JSON); otherwise null.</summary>
    (CaseRow Row, string Person, string Evidence)? Find(RegionScope scope, string caseId, Func<string, string> maskPerson);

    /// <summary>Assigns the case to a user (replacing an earlier assignment).</summary>
    void Assign(string caseId, string assignee, string by, DateTimeOffset at);
}

/// <summary>The counts under a filter inside a scope: total, by status, rule and region; active by rule and region.</summary>
public interface ICaseCounts
{
    CaseCountSummary For(RegionScope scope, CaseFilter filter);
}

/// <summary>The trend across reconciliation runs: the active cases each run left, counted inside a scope.</summary>
public interface ICaseTrend
{
    /// <summary>The last <paramref name="runs"/> runs, oldest first, counted inside the scope.</summary>
    IReadOnlyList<TrendPoint> For(RegionScope scope, int runs = CaseTrend.DefaultRuns);

    /// <summary>Computes the points of the last runs not computed yet; returns how many it computed.</summary>
    int Refresh(int runs = CaseTrend.DefaultRuns);
}
