namespace DataHub.Hub.Store.SqlServer;

/// <summary>Every T-SQL statement of <see cref="SqlServerInvoiceLedgerStore"/> (parameterised; tests parse each one).</summary>
public static class InvoiceLedgerSql
{
    /// <summary>Adds the cluster unless known, then returns its id (one id per cluster identity).</summary>
    public const string GetOrAddCluster = """
        INSERT INTO dbo.invoice_ledger_cluster (cluster)
        SELECT @cluster
        WHERE NOT EXISTS (SELECT 1 FROM dbo.invoice_ledger_cluster WITH (UPDLOCK, HOLDLOCK) WHERE cluster = @cluster);
        SELECT cluster_id FROM dbo.invoice_ledger_cluster WHERE cluster = @cluster;
        """;

    /// <summary>Adds the source file unless its content hash is known in the cluster (its first name is kept), then returns its id.</summary>
    public const string GetOrAddSource = """
        INSERT INTO dbo.invoice_ledger_source (cluster_id, source_hash, source)
        SELECT @cluster, @hash, @source
        WHERE NOT EXISTS (SELECT 1 FROM dbo.invoice_ledger_source WITH (UPDLOCK, HOLDLOCK)
                          WHERE cluster_id = @cluster AND source_hash = @hash);
        SELECT source_id FROM dbo.invoice_ledger_source WHERE cluster_id = @cluster AND source_hash = @hash;
        """;

    /// <summary>The stored entries of the keys in @keys, with the content hash of the source each came from.</summary>
    public const string Find = """
        SELECT a.invoice_key, a.kind, a.total_fen, a.fund_fen, a.account_fen, a.personal_fen, a.voided_by, s.source_hash, a.position
        FROM @keys AS k
        JOIN dbo.accepted_invoice AS a ON a.cluster_id = @cluster AND a.invoice_key = k.invoice_key
        JOIN dbo.invoice_ledger_source AS s ON s.source_id = a.source_id;
        """;

    /// <summary>
    /// Adds a batch of one source (a key already in the cluster's ledger violates the primary key and fails the batch),
    /// then marks the originals the batch's red-letter invoices void (also those added just now).
    /// </summary>
    public const string Save = """
        INSERT INTO dbo.accepted_invoice (cluster_id, invoice_key, kind, total_fen, fund_fen, account_fen, personal_fen, voided_by,
            payer_key, visit_day, institution_code, source_id, position)
        SELECT @cluster, r.invoice_key, r.kind, r.total_fen, r.fund_fen, r.account_fen, r.personal_fen, NULL,
            r.payer_key, r.visit_day, r.institution_code, @sourceId, r.position
        FROM @rows AS r;
        UPDATE a SET voided_by = r.invoice_key
        FROM dbo.accepted_invoice AS a
        JOIN @rows AS r ON a.cluster_id = @cluster AND a.invoice_key = r.original_key
        WHERE r.original_key <> 0;
        """;

    /// <summary>Issued, fund-paid invoices with a payer, visited in [@from, @to], of every cluster (the filtered index's predicate, literally).</summary>
    public const string FundClaims = """
        SELECT a.invoice_key, a.payer_key, a.visit_day, a.fund_fen, a.institution_code, s.source, a.position,
            CAST(CASE WHEN a.voided_by IS NULL THEN 0 ELSE 1 END AS bit)
        FROM dbo.accepted_invoice AS a
        JOIN dbo.invoice_ledger_source AS s ON s.source_id = a.source_id
        WHERE a.kind = 0 AND a.fund_fen > 0 AND a.payer_key IS NOT NULL AND a.visit_day BETWEEN @from AND @to;
        """;
}
