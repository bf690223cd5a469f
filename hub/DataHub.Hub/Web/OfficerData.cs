using DataHub.Hub.Reconciliation;
using DataHub.Hub.Service;

namespace DataHub.Hub.Web;

/// <summary>The web app's stores, made on first use: the hub's store exists only once <see cref="HubRuntimeService"/> has started.</summary>
public sealed class OfficerData(HubRuntimeService runtime) : IDisposable
{
    private readonly Lazy<Parts> _parts = new(() =>
    {
        var db = runtime.Runtime.Database; // the web app needs the SQLite store (Store:Provider=sqlite)
        return new Parts(new WebUserStore(db), new AuditLog(db), new CaseQueries(db), new GapCaseStore(db));
    });

    public WebUserStore Users => _parts.Value.Users;
    public AuditLog Audit => _parts.Value.Audit;
    public CaseQueries Queries => _parts.Value.Queries;
    public GapCaseStore Cases => _parts.Value.Cases;

    /// <summary>Closes the read connections (the host disposes this singleton at shutdown).</summary>
    public void Dispose()
    {
        if (_parts.IsValueCreated) _parts.Value.Queries.Dispose();
    }

    private sealed record Parts(WebUserStore Users, AuditLog Audit, CaseQueries Queries, GapCaseStore Cases);
}
