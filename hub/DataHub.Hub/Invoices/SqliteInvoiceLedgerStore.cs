using System.Text;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Store;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Invoices;

/// <summary>
/// One accepted invoice as the store keeps it: the ledger entry (for a red-letter one, <paramref name="OriginalKey"/>:
/// the invoice it voids, else 0), and what the registry cross-checks and a resumed run need.
/// </summary>
public sealed record AcceptedInvoiceRow(LedgerEntry Entry, long OriginalKey, long PayerKey, int VisitDay, string InstitutionCode, long Position);

/// <summary>A fund-paid invoice for the registry cross-checks (<c>StoreInvoiceClaimLoader</c>).</summary>
public readonly record struct FundClaimRow(long InvoiceKey, long PayerKey, int VisitDay, long FundFen, string InstitutionCode, string Source, long Position);

/// <summary>
/// The accepted-invoice ledger in the store, so red-letter rules hold across runs. Kept per Kafka cluster,
/// like checkpoints: a new embedded cluster starts empty, and the invoices published to it start over.
/// Keys and amounts are integers (invoice code + number as 18 digits, fen) and sources a small table of their
/// own, so a row is a few dozen bytes; writes come in one transaction per checkpoint, lookups in one query per
/// batch (<see cref="Find"/>). Not yet on SQL Server (README).
/// </summary>
public sealed class SqliteInvoiceLedgerStore : IInvoiceLedgerLookup
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS invoice_ledger_cluster (cluster_id INTEGER PRIMARY KEY, cluster TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS invoice_ledger_source (
            source_id INTEGER PRIMARY KEY, cluster_id INTEGER NOT NULL, source_hash TEXT NOT NULL, source TEXT NOT NULL,
            UNIQUE (cluster_id, source_hash));
        CREATE TABLE IF NOT EXISTS accepted_invoice (
            cluster_id INTEGER NOT NULL, invoice_key INTEGER NOT NULL, kind INTEGER NOT NULL,
            total_fen INTEGER NOT NULL, fund_fen INTEGER NOT NULL, account_fen INTEGER NOT NULL, personal_fen INTEGER NOT NULL,
            voided_by INTEGER, payer_key INTEGER, visit_day INTEGER NOT NULL, institution_code TEXT NOT NULL,
            source_id INTEGER NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (cluster_id, invoice_key)) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _db;
    private readonly long _clusterId;

    public SqliteInvoiceLedgerStore(SqliteDatabase db, string cluster)
    {
        _db = db;
        _db.EnsureSchema("invoice-ledger-v2", Ddl);
        using var c = _db.Open();
        _clusterId = IdOf(c, "INSERT INTO invoice_ledger_cluster (cluster) VALUES ($a) ON CONFLICT (cluster) DO NOTHING",
            "SELECT cluster_id FROM invoice_ledger_cluster WHERE cluster = $a", cluster, null);
    }

    /// <summary>The id of a source file (by content hash) in this cluster's ledger.</summary>
    public long SourceId(string sourceHash, string sourceName)
    {
        using var c = _db.Open();
        return IdOf(c, "INSERT INTO invoice_ledger_source (cluster_id, source_hash, source) VALUES ($c, $a, $b) ON CONFLICT (cluster_id, source_hash) DO NOTHING",
            "SELECT source_id FROM invoice_ledger_source WHERE cluster_id = $c AND source_hash = $a", sourceHash, sourceName);
    }

    public IReadOnlyList<StoredLedgerEntry> Find(IReadOnlyCollection<long> keys)
    {
        var found = new List<StoredLedgerEntry>();
        if (keys.Count == 0) return found;
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT a.invoice_key, a.kind, a.total_fen, a.fund_fen, a.account_fen, a.personal_fen, a.voided_by, s.source_hash, a.position
            FROM accepted_invoice a JOIN invoice_ledger_source s ON s.source_id = a.source_id
            WHERE a.cluster_id = $c AND a.invoice_key IN (SELECT value FROM json_each($keys))
            """;
        cmd.Parameters.AddWithValue("$c", _clusterId);
        cmd.Parameters.AddWithValue("$keys", JsonArray(keys));
        using var r = cmd.ExecuteReader();
        while (r.Read())
            found.Add(new StoredLedgerEntry(new LedgerEntry(r.GetInt64(0), (InvoiceKind)r.GetInt32(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4),
                r.GetInt64(5), r.IsDBNull(6) ? 0 : r.GetInt64(6)), r.GetString(7), r.GetInt64(8)));
        return found;
    }

    /// <summary>Stores accepted invoices of one source in one transaction; a red-letter one also marks its original voided.</summary>
    public void Save(long sourceId, IReadOnlyList<AcceptedInvoiceRow> rows)
    {
        if (rows.Count == 0) return;
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        using var insert = Command(c, tx, """
            INSERT INTO accepted_invoice (cluster_id, invoice_key, kind, total_fen, fund_fen, account_fen, personal_fen, voided_by,
                payer_key, visit_day, institution_code, source_id, position)
            VALUES ($c, $k, $kind, $t, $f, $a, $p, NULL, $payer, $day, $inst, $s, $pos)
            """, "$k", "$kind", "$t", "$f", "$a", "$p", "$payer", "$day", "$inst", "$s", "$pos");
        using var voided = Command(c, tx, "UPDATE accepted_invoice SET voided_by = $v WHERE cluster_id = $c AND invoice_key = $k", "$v", "$k");
        var p = insert.Parameters;
        foreach (var row in rows)
        {
            var e = row.Entry;
            p[1].Value = e.Key; p[2].Value = (int)e.Kind; p[3].Value = e.Total; p[4].Value = e.Fund; p[5].Value = e.Account; p[6].Value = e.Personal;
            p[7].Value = row.PayerKey == 0 ? DBNull.Value : row.PayerKey; p[8].Value = row.VisitDay; p[9].Value = row.InstitutionCode;
            p[10].Value = sourceId; p[11].Value = row.Position;
            insert.ExecuteNonQuery();
            if (row.OriginalKey == 0) continue;
            voided.Parameters[1].Value = e.Key;
            voided.Parameters[2].Value = row.OriginalKey;
            voided.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Issued, not voided invoices with a fund payment for a payer with a resident ID, visited on or after <paramref name="fromDay"/> (a day number).</summary>
    public IEnumerable<FundClaimRow> FundClaims(int fromDay)
    {
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT a.invoice_key, a.payer_key, a.visit_day, a.fund_fen, a.institution_code, s.source, a.position
            FROM accepted_invoice a JOIN invoice_ledger_source s ON s.source_id = a.source_id
            WHERE a.cluster_id = $c AND a.kind = 0 AND a.voided_by IS NULL AND a.fund_fen > 0 AND a.payer_key IS NOT NULL AND a.visit_day >= $from
            """;
        cmd.Parameters.AddWithValue("$c", _clusterId);
        cmd.Parameters.AddWithValue("$from", fromDay);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return new FundClaimRow(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetInt64(6));
    }

    private SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$c", _clusterId);
        foreach (var name in names) cmd.Parameters.AddWithValue(name, DBNull.Value);
        cmd.Prepare();
        return cmd;
    }

    private long IdOf(SqliteConnection c, string insert, string select, string a, string? b)
    {
        foreach (var sql in new[] { insert, select })
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$a", a);
            if (sql.Contains("$b")) cmd.Parameters.AddWithValue("$b", b);
            if (sql.Contains("$c")) cmd.Parameters.AddWithValue("$c", _clusterId);
            if (sql == select) return (long)cmd.ExecuteScalar()!;
            cmd.ExecuteNonQuery();
        }
        throw new InvalidOperationException("unreachable");
    }

    private static string JsonArray(IReadOnlyCollection<long> keys)
    {
        var text = new StringBuilder(keys.Count * 20).Append('[');
        foreach (var key in keys) text.Append(key).Append(',');
        text[^1] = ']';
        return text.ToString();
    }
}
