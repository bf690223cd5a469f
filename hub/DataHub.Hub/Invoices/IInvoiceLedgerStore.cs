using DataHub.Connectors.Invoices;

namespace DataHub.Hub.Invoices;

/// <summary>
/// The accepted-invoice ledger in the store, so red-letter rules hold across runs. Kept per Kafka cluster, like
/// checkpoints (an instance of the store is bound to one cluster's ledger); <see cref="FundClaims"/> reads every
/// cluster's. Implemented on SQLite (<see cref="SqliteInvoiceLedgerStore"/>) and SQL Server (<c>SqlServerInvoiceLedgerStore</c>).
/// </summary>
public interface IInvoiceLedgerStore : IInvoiceLedgerLookup
{
    /// <summary>The id of a source file (by content hash) in this cluster's ledger; the first name given for a hash is kept.</summary>
    long SourceId(string sourceHash, string sourceName);

    /// <summary>
    /// Stores accepted invoices of one source in one transaction; a red-letter one also marks its original voided
    /// (also when the original is in the same batch). An invoice key already in this cluster's ledger fails the whole batch.
    /// </summary>
    void Save(long sourceId, IReadOnlyList<AcceptedInvoiceRow> rows);

    /// <summary>
    /// Issued invoices with a fund payment for a payer with a resident ID, visited from <paramref name="fromDay"/> to
    /// <paramref name="toDay"/> (day numbers, both included), in the ledgers of every cluster: the same invoice may come
    /// once per cluster, each with whether that ledger saw it voided. In no particular order.
    /// </summary>
    IEnumerable<StoredFundClaim> FundClaims(int fromDay, int toDay);
}
