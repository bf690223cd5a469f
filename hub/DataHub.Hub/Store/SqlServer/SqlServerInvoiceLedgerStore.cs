using System.Data;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// <see cref="IInvoiceLedgerStore"/> in SQL Server (statements in <see cref="InvoiceLedgerSql"/>): one cluster's ledger.
/// A checkpoint's rows go in one statement batch as one table-valued parameter, a prefetch's keys likewise.
/// </summary>
public sealed class SqlServerInvoiceLedgerStore : IInvoiceLedgerStore
{
    private readonly SqlServerDatabase _db;
    private readonly int _clusterId;

    public SqlServerInvoiceLedgerStore(SqlServerDatabase db, string cluster)
    {
        _db = db;
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        using var cmd = Create(c, InvoiceLedgerSql.GetOrAddCluster, tx, ("@cluster", cluster));
        _clusterId = Convert.ToInt32(cmd.ExecuteScalar());
        tx.Commit();
    }

    public long SourceId(string sourceHash, string sourceName)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        using var cmd = Create(c, InvoiceLedgerSql.GetOrAddSource, tx, ("@cluster", _clusterId), ("@hash", sourceHash), ("@source", sourceName));
        var id = Convert.ToInt64(cmd.ExecuteScalar());
        tx.Commit();
        return id;
    }

    public IReadOnlyList<StoredLedgerEntry> Find(IReadOnlyCollection<long> keys)
    {
        var found = new List<StoredLedgerEntry>();
        if (keys.Count == 0) return found;
        using var c = _db.Open();
        using var cmd = Create(c, InvoiceLedgerSql.Find, ("@cluster", _clusterId));
        AddTable(cmd, "@keys", SqlServerTableTypes.InvoiceKeys, SqlServerTableTypes.Keys(keys));
        using var r = cmd.ExecuteReader();
        while (r.Read())
            found.Add(new StoredLedgerEntry(new LedgerEntry(r.GetInt64(0), (InvoiceKind)r.GetByte(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4),
                r.GetInt64(5), r.IsDBNull(6) ? 0 : r.GetInt64(6)), r.GetString(7), r.GetInt64(8)));
        return found;
    }

    public void Save(long sourceId, IReadOnlyList<AcceptedInvoiceRow> rows)
    {
        if (rows.Count == 0) return;
        using var c = _db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        using var cmd = Create(c, InvoiceLedgerSql.Save, tx, ("@cluster", _clusterId), ("@sourceId", sourceId));
        AddTable(cmd, "@rows", SqlServerTableTypes.AcceptedInvoiceRows, SqlServerTableTypes.AcceptedInvoices(rows));
        cmd.ExecuteNonQuery();
        tx.Commit();
    }

    public IEnumerable<StoredFundClaim> FundClaims(int fromDay, int toDay)
    {
        using var c = _db.Open();
        using var cmd = Create(c, InvoiceLedgerSql.FundClaims, ("@from", fromDay), ("@to", toDay));
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return new StoredFundClaim(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt64(3), r.GetString(4), r.GetString(5),
                r.GetInt64(6), r.GetBoolean(7));
    }
}
