using DataHub.Hub.Reconciliation;
using DataHub.Hub.Service;

namespace DataHub.Hub.Web;

/// <summary>The web app's stores (SQLite or SQL Server, as the hub's store), made on first use: the hub's store exists only once <see cref="HubRuntimeService"/> has started.</summary>
public sealed class OfficerData(HubRuntimeService runtime) : IDisposable
{
    private readonly Lazy<OfficerStores> _parts = new(() => OfficerStores.Open(runtime.Runtime.Store));

    public IWebUserStore Users => _parts.Value.Users;
    public IAuditLog Audit => _parts.Value.Audit;
    public ICaseQueries Queries => _parts.Value.Queries;
    public IGapCaseStore Cases => _parts.Value.Cases;

    /// <summary>Closes the read connections (the host disposes this singleton at shutdown).</summary>
    public void Dispose()
    {
        if (_parts.IsValueCreated) _parts.Value.Queries.Dispose();
    }
}
