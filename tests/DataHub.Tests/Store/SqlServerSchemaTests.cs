using System.Data;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store.SqlServer;
using Microsoft.Data.SqlClient.Server;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataHub.Tests.Store;

/// <summary>
/// No SQL Server runs here, so beyond parsing: every name a statement uses exists in the schema the migrations build,
/// and the rows the store sends as table-valued parameters have exactly the columns of their table types.
/// </summary>
public sealed class SqlServerSchemaTests
{
    private static readonly TSqlSchema Schema = TSqlSchema.OfMigrations();

    [Fact]
    public void Every_statement_and_migration_names_only_tables_and_columns_the_migrations_create()
    {
        // The gap-case and web statements (recursive CTEs, OPENJSON … WITH schemas) are checked by
        // SqlServerSchemaReferenceTests, whose resolver knows those forms; the rest are checked by both.
        string[] checkedElsewhere = ["GapCaseSql.", "WebSql.", "CaseQuerySql.", "CaseListSql.", "TrendSql."];
        var statements = SqlServerStatements.Declared().Where(s => SqlServerStatements.LooksLikeSql().IsMatch(s.Value))
            .Where(s => !checkedElsewhere.Any(s.Key.StartsWith) && !s.Key.Contains("(gap cases") && !s.Key.Contains("(officers'")).ToList();
        var problems = statements.SelectMany(s => TSqlNameCheck.Problems(s.Value, Schema).Select(p => $"{s.Key}: {p}")).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Contains("dbo.registry_record", Schema.Tables.Keys);
    }

    [Theory]
    [InlineData("SELECT feed, no_such_column FROM dbo.feed_run;")]
    [InlineData("SELECT r.feed FROM dbo.feed_run AS f;")]
    [InlineData("SELECT f.feed FROM dbo.no_such_table AS f;")]
    [InlineData("UPDATE dbo.registry_loss SET reported_in_run = @run OUTPUT INSERTED.no_such_column;")]
    [InlineData("CREATE INDEX ix ON dbo.registry_record (topic, no_such_column);")]
    public void The_name_check_finds_a_misspelt_name(string sql) => Assert.NotEmpty(TSqlNameCheck.Problems(sql, Schema));

    public static TheoryData<string, string> TableTypes() => new()
    {
        { SqlServerTableTypes.RegistryRecordRows, nameof(SqlServerTableTypes.RegistryRecordColumns) },
        { SqlServerTableTypes.RegistryPartitionOffsets, nameof(SqlServerTableTypes.RegistryPartitionOffsetColumns) },
        { SqlServerTableTypes.AcceptedInvoiceRows, nameof(SqlServerTableTypes.AcceptedInvoiceColumns) },
        { SqlServerTableTypes.InvoiceKeys, nameof(SqlServerTableTypes.InvoiceKeyColumns) },
    };

    [Theory]
    [MemberData(nameof(TableTypes))]
    public void The_rows_sent_have_the_columns_of_their_table_type_in_order(string typeName, string columnsProperty)
    {
        var sent = (IReadOnlyList<SqlMetaData>)typeof(SqlServerTableTypes).GetProperty(columnsProperty)!.GetValue(null)!;
        var declared = Schema.TableTypes[typeName];
        Assert.Equal(declared.Select(c => (c.Name, c.Type.ToString(), c.Type == SqlDataTypeOption.NVarChar ? c.Length : 0)),
            sent.Select(m => (m.Name, m.SqlDbType.ToString(), m.SqlDbType == SqlDbType.NVarChar ? (int)m.MaxLength : 0)));
    }

    [Fact]
    public void Registry_rows_keep_the_last_record_of_an_identity_and_send_nulls_as_nulls()
    {
        StoredRecord R(string identity, long offset, string? residentId = "320102199001011237") =>
            new(identity, residentId, $"{{\"o\":{offset}}}", residentId is null ? null : "feed", null, offset + 1, 3, offset);
        var latest = SqlServerRegistryStore.LatestPerIdentity([R("a", 0), R("b", 1, null), R("a", 2)]);
        Assert.Equal([R("a", 2), R("b", 1, null)], latest.OrderBy(r => r.Identity));

        var rows = SqlServerTableTypes.RegistryRecords(latest.Select(r => (r, 7))).Select(Values).ToList();
        Assert.Equal(["a", "320102199001011237", "{\"o\":2}", "feed", DBNull.Value, 3L, 3, 2L, 7], rows[0]);
        Assert.Equal(["b", DBNull.Value, "{\"o\":1}", DBNull.Value, DBNull.Value, 2L, 3, 1L, 7], rows[1]);
    }

    [Fact]
    public void A_text_longer_than_its_column_is_refused_not_cut()
    {
        var record = new StoredRecord(new string('x', 201), null, "{}", null, null, 0, 0, 0);
        Assert.Throws<InvalidDataException>(() => SqlServerTableTypes.RegistryRecords([(record, -1)]).ToList());
        Assert.Single(SqlServerTableTypes.RegistryRecords([(record with { Identity = new string('x', 200), Payload = new string('p', 100_000) }, -1)]));
    }

    [Fact]
    public void Invoice_rows_send_a_missing_payer_as_null_and_keys_once()
    {
        var entry = new LedgerEntry(12345678_0000000001, InvoiceKind.Void, -100, -80, -10, -10, 0);
        var rows = SqlServerTableTypes.AcceptedInvoices([new AcceptedInvoiceRow(entry, 12345678_0000000000, 0, 20_000, "H32010200001", 9)])
            .Select(Values).ToList();
        Assert.Equal([12345678_0000000001L, (byte)1, -100L, -80L, -10L, -10L, DBNull.Value, 20_000, "H32010200001", 9L, 12345678_0000000000L], Assert.Single(rows));
        Assert.Equal([5L, 3L], SqlServerTableTypes.Keys([5, 3, 5]).Select(r => r.GetInt64(0)));
    }

    private static object[] Values(SqlDataRecord record)
    {
        var values = new object[record.FieldCount];
        record.GetValues(values);
        return values;
    }
}
