using System.Data;
using DataHub.Hub.Invoices;
using DataHub.Hub.Reconciliation;
using Microsoft.Data.SqlClient.Server;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// The table types of the SQL Server store (created by the migrations) and the rows a batch sends in one of them.
/// A batch goes to the server as one table-valued parameter, streamed from the caller's list through one reused
/// <see cref="SqlDataRecord"/>: one round trip, no temporary table, and statements that stay fixed text (which the
/// tests parse). The column lists here must match the CREATE TYPE scripts; a test compares them.
/// </summary>
public static class SqlServerTableTypes
{
    public const string RegistryRecordRows = "dbo.registry_record_rows";
    public const string RegistryPartitionOffsets = "dbo.registry_partition_offsets";
    public const string AcceptedInvoiceRows = "dbo.accepted_invoice_rows";
    public const string InvoiceKeys = "dbo.invoice_keys";

    public static IReadOnlyList<SqlMetaData> RegistryRecordColumns { get; } =
    [
        new("identity", SqlDbType.NVarChar, 200), new("resident_id", SqlDbType.NVarChar, 64), new("payload", SqlDbType.NVarChar, SqlMetaData.Max),
        new("feed", SqlDbType.NVarChar, 200), new("source", SqlDbType.NVarChar, 400), new("line", SqlDbType.BigInt),
        new("partition", SqlDbType.Int), new("offset", SqlDbType.BigInt), new("person_partition", SqlDbType.Int),
    ];

    public static IReadOnlyList<SqlMetaData> RegistryPartitionOffsetColumns { get; } =
        [new("partition", SqlDbType.Int), new("next_offset", SqlDbType.BigInt)];

    public static IReadOnlyList<SqlMetaData> AcceptedInvoiceColumns { get; } =
    [
        new("invoice_key", SqlDbType.BigInt), new("kind", SqlDbType.TinyInt), new("total_fen", SqlDbType.BigInt), new("fund_fen", SqlDbType.BigInt),
        new("account_fen", SqlDbType.BigInt), new("personal_fen", SqlDbType.BigInt), new("payer_key", SqlDbType.BigInt), new("visit_day", SqlDbType.Int),
        new("institution_code", SqlDbType.NVarChar, 64), new("position", SqlDbType.BigInt), new("original_key", SqlDbType.BigInt),
    ];

    public static IReadOnlyList<SqlMetaData> InvoiceKeyColumns { get; } = [new("invoice_key", SqlDbType.BigInt)];

    /// <summary>Registry rows, one per identity (the caller keeps the latest), with each row's person partition.</summary>
    public static IEnumerable<SqlDataRecord> RegistryRecords(IEnumerable<(StoredRecord Record, int PersonPartition)> rows)
    {
        var row = new SqlDataRecord([.. RegistryRecordColumns]);
        foreach (var (r, personPartition) in rows)
        {
            SetText(row, 0, r.Identity);
            SetText(row, 1, r.ResidentId);
            SetText(row, 2, r.Payload);
            SetText(row, 3, r.Feed);
            SetText(row, 4, r.Source);
            row.SetInt64(5, r.Line);
            row.SetInt32(6, r.Partition);
            row.SetInt64(7, r.Offset);
            row.SetInt32(8, personPartition);
            yield return row;
        }
    }

    public static IEnumerable<SqlDataRecord> PartitionOffsets(IReadOnlyDictionary<int, long> offsets)
    {
        var row = new SqlDataRecord([.. RegistryPartitionOffsetColumns]);
        foreach (var (partition, offset) in offsets)
        {
            row.SetInt32(0, partition);
            row.SetInt64(1, offset);
            yield return row;
        }
    }

    /// <summary>Accepted invoices; a payer key of 0 (no resident ID) is stored as NULL, an original key of 0 means "voids nothing".</summary>
    public static IEnumerable<SqlDataRecord> AcceptedInvoices(IReadOnlyList<AcceptedInvoiceRow> rows)
    {
        var row = new SqlDataRecord([.. AcceptedInvoiceColumns]);
        foreach (var r in rows)
        {
            var e = r.Entry;
            row.SetInt64(0, e.Key);
            row.SetByte(1, (byte)e.Kind);
            row.SetInt64(2, e.Total);
            row.SetInt64(3, e.Fund);
            row.SetInt64(4, e.Account);
            row.SetInt64(5, e.Personal);
            if (r.PayerKey == 0) row.SetDBNull(6); else row.SetInt64(6, r.PayerKey);
            row.SetInt32(7, r.VisitDay);
            SetText(row, 8, r.InstitutionCode);
            row.SetInt64(9, r.Position);
            row.SetInt64(10, r.OriginalKey);
            yield return row;
        }
    }

    /// <summary>Distinct keys (the type's primary key refuses a repeated one).</summary>
    public static IEnumerable<SqlDataRecord> Keys(IEnumerable<long> keys)
    {
        var row = new SqlDataRecord([.. InvoiceKeyColumns]);
        foreach (var key in keys.Distinct())
        {
            row.SetInt64(0, key);
            yield return row;
        }
    }

    /// <summary>A text value, refused when longer than its column (a cut identity would merge two records).</summary>
    private static void SetText(SqlDataRecord row, int ordinal, string? value)
    {
        if (value is null) { row.SetDBNull(ordinal); return; }
        var column = row.GetSqlMetaData(ordinal);
        if (column.MaxLength != SqlMetaData.Max && value.Length > column.MaxLength)
            throw new InvalidDataException($"{column.Name} is {value.Length} characters, longer than the store's {column.MaxLength}: '{value[..Math.Min(value.Length, 60)]}…'");
        row.SetString(ordinal, value);
    }
}
