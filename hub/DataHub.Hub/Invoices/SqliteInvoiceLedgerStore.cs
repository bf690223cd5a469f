using System.Globalization;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Store;

namespace DataHub.Hub.Invoices;

/// <summary>
/// The accepted-invoice ledger in the store, so red-letter rules hold across runs. Kept per Kafka cluster,
/// like checkpoints: a new embedded cluster starts empty, and the invoices published to it start over.
/// </summary>
public sealed class SqliteInvoiceLedgerStore
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS invoice_ledger (
            cluster TEXT NOT NULL, invoice_key TEXT NOT NULL, kind TEXT NOT NULL, total TEXT NOT NULL, fund TEXT NOT NULL,
            account TEXT NOT NULL, personal TEXT NOT NULL, voided_by TEXT, PRIMARY KEY (cluster, invoice_key));
        """;

    private readonly SqliteDatabase _db;
    private readonly string _cluster;

    public SqliteInvoiceLedgerStore(SqliteDatabase db, string cluster)
    {
        _db = db;
        _cluster = cluster;
        _db.EnsureSchema("invoice-ledger", Ddl);
    }

    public IReadOnlyList<LedgerEntry> LoadAll()
    {
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT invoice_key, kind, total, fund, account, personal, voided_by FROM invoice_ledger WHERE cluster = $c";
        cmd.Parameters.AddWithValue("$c", _cluster);
        using var r = cmd.ExecuteReader();
        var list = new List<LedgerEntry>();
        while (r.Read())
            list.Add(new LedgerEntry(r.GetString(0), Enum.Parse<InvoiceKind>(r.GetString(1)), D(r.GetString(2)), D(r.GetString(3)),
                D(r.GetString(4)), D(r.GetString(5)), r.IsDBNull(6) ? null : r.GetString(6)));
        return list;
    }

    public void Save(IReadOnlyCollection<LedgerEntry> entries)
    {
        if (entries.Count == 0) return;
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO invoice_ledger (cluster, invoice_key, kind, total, fund, account, personal, voided_by) VALUES ($c, $k, $kind, $t, $f, $a, $p, $v)
            ON CONFLICT (cluster, invoice_key) DO UPDATE SET voided_by = excluded.voided_by
            """;
        cmd.Parameters.AddWithValue("$c", _cluster);
        foreach (var name in new[] { "$k", "$kind", "$t", "$f", "$a", "$p", "$v" }) cmd.Parameters.AddWithValue(name, DBNull.Value);
        foreach (var e in entries)
        {
            cmd.Parameters["$k"].Value = e.Key;
            cmd.Parameters["$kind"].Value = e.Kind.ToString();
            cmd.Parameters["$t"].Value = S(e.Total);
            cmd.Parameters["$f"].Value = S(e.Fund);
            cmd.Parameters["$a"].Value = S(e.Account);
            cmd.Parameters["$p"].Value = S(e.Personal);
            cmd.Parameters["$v"].Value = (object?)e.VoidedBy ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
    private static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
