using System.Globalization;
using System.Numerics;
using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Avro;
using DataHub.Hub.Invoices;
using DataHub.Schemas.Avro;
using DataHub.Tests.Registry;

namespace DataHub.Tests.Invoices;

/// <summary>
/// The invoice event encoder writes exactly the bytes of the stock Confluent AvroSerializer over GenericRecords
/// (the reference, below), nested item records and their array included, for issued and voided events.
/// </summary>
public sealed class InvoiceEncodingTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Issued_and_voided_events_are_byte_for_byte_the_stock_serializers()
    {
        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = fixture.Registry.Url });
        var encoder = await InvoiceEventEncoder.CreateAsync(registry);
        var stock = new StockInvoiceSerializer(registry);
        var random = new Random(5);
        var generator = new InvoiceGenerator(8);
        var kinds = new HashSet<string>();
        for (var i = 0; i < 400; i++)
        {
            var invoice = Vary(generator.Issued(items: random.Next(0, 14)), random);
            if (random.Next(3) == 0) invoice = Vary(generator.VoidOf(invoice), random);
            kinds.Add($"{invoice.Kind} items:{Math.Min(invoice.Items.Count, 1)} id:{invoice.Payer.ResidentId is not null} visit:{invoice.VisitDate is not null} reason:{invoice.Reason is not null}");
            Assert.Equal(await stock.SerializeAsync(invoice), encoder.Encode(invoice));
        }
        Assert.True(kinds.Count >= 10, $"the random invoices should cover the optional fields both ways: {string.Join("; ", kinds)}");
    }

    [Theory]
    [InlineData("0"), InlineData("0.01"), InlineData("-0.01"), InlineData("1.27"), InlineData("1.28"), InlineData("-1.28"), InlineData("-1.29"),
     InlineData("327.67"), InlineData("327.68"), InlineData("-327.68"), InlineData("83886.07"), InlineData("-83886.09"), InlineData("1.2"),
     InlineData("1.2000"), InlineData("92233720368547758.07"), InlineData("-92233720368547758.08"), InlineData("9999999999999999999999.99")]
    public void A_decimal_is_written_as_its_unscaled_big_endian_twos_complement_as_BigInteger_writes_it(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        var fast = new AvroBuffer();
        fast.WriteDecimal(value, 2);
        var reference = new AvroBuffer();
        reference.WriteBigInteger(new BigInteger(decimal.Round(value * 100m)));
        Assert.Equal(reference.ToArray(), fast.ToArray());
    }

    [Fact]
    public void A_decimal_with_more_places_than_the_scale_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AvroBuffer().WriteDecimal(1.005m, 2));
    }

    [Fact]
    public void Strings_are_utf8_as_the_stock_encoder_writes_them_with_or_without_the_text_cache()
    {
        foreach (var text in new[] { "", "H32010204712", "一次性使用无菌注射器", "é😀", "\ud800lone", "mixed 医保 text" })
        {
            var plain = new AvroBuffer();
            var cached = new AvroBuffer(cacheText: true);
            plain.WriteString(text);
            cached.WriteString(text);
            cached.Reset();
            cached.WriteString(text); // the second time from the cache
            var expected = new AvroBuffer();
            expected.WriteBytes(System.Text.Encoding.UTF8.GetBytes(text));
            Assert.Equal(expected.ToArray(), plain.ToArray());
            Assert.Equal(expected.ToArray(), cached.ToArray());
        }
    }

    /// <summary>Optional fields both ways, odd amounts, non-ASCII text.</summary>
    private static Invoice Vary(Invoice invoice, Random random)
    {
        if (random.Next(3) == 0) invoice.Payer.ResidentId = null;
        if (random.Next(2) == 0) invoice.VisitDate = invoice.IssueDate;
        if (invoice.Kind == InvoiceKind.Void && random.Next(2) == 0) invoice.Reason = null;
        if (random.Next(4) == 0) invoice.IssuedAt = random.Next(2) == 0 ? null : invoice.IssueDate + "T23:59:59+08:00";
        if (random.Next(5) == 0) invoice.TotalAmount = random.Next(2) == 0 ? 0 : 12_345_678_901_234.56m;
        if (invoice.Items.Count > 0 && random.Next(3) == 0)
        {
            invoice.Items[0].UnitPrice = 0.0001m;
            invoice.Items[0].Name = "自费 drug é😀";
            invoice.Items[0].Quantity = -2.5m;
        }
        return invoice;
    }

    /// <summary>The reference: GenericRecords through the stock AvroSerializer (how the hub first encoded invoices).</summary>
    private sealed class StockInvoiceSerializer(ISchemaRegistryClient registry)
    {
        private readonly RecordSchema _issued = SchemaCatalog.Get("invoice/invoice-issued");
        private readonly RecordSchema _voided = SchemaCatalog.Get("invoice/invoice-voided");
        private readonly AvroSerializer<GenericRecord> _serializer = new(registry, new AvroSerializerConfig { AutoRegisterSchemas = true });

        public Task<byte[]> SerializeAsync(Invoice i)
        {
            var issued = i.Kind == InvoiceKind.Issued;
            var r = new GenericRecord(issued ? _issued : _voided);
            r.Add("invoiceCode", i.InvoiceCode);
            r.Add("invoiceNumber", i.InvoiceNumber);
            r.Add("checkCode", i.CheckCode);
            r.Add("issueDate", Date(i.IssueDate));
            r.Add("institutionCode", i.InstitutionCode);
            r.Add("institutionCreditCode", i.InstitutionCreditCode);
            if (issued)
            {
                r.Add("payerName", i.Payer.Name);
                r.Add("payerId", i.Payer.ResidentId);
                r.Add("visitType", i.VisitType);
                r.Add("visitDate", i.VisitDate is null ? null : Date(i.VisitDate));
            }
            else
            {
                r.Add("originalInvoiceCode", i.Original!.InvoiceCode);
                r.Add("originalInvoiceNumber", i.Original.InvoiceNumber);
                r.Add("reason", i.Reason);
            }
            r.Add("totalAmount", Money(i.TotalAmount, 2));
            r.Add("fundPaid", Money(i.FundPaid, 2));
            r.Add("accountPaid", Money(i.AccountPaid, 2));
            r.Add("personalPaid", Money(i.PersonalPaid, 2));
            var itemSchema = (RecordSchema)((ArraySchema)r.Schema["items"].Schema).ItemSchema;
            r.Add("items", i.Items.Select(item =>
            {
                var line = new GenericRecord(itemSchema);
                line.Add("itemType", item.ItemType);
                line.Add("code", item.Code);
                line.Add("name", item.Name);
                line.Add("quantity", Money(item.Quantity, 4));
                line.Add("unitPrice", Money(item.UnitPrice, 4));
                line.Add("amount", Money(item.Amount, 2));
                return line;
            }).ToArray());
            r.Add("issuedAt", IssuedAt(i));
            var topic = issued ? "mi.invoice.issued.v1" : "mi.invoice.voided.v1";
            return _serializer.SerializeAsync(r, new SerializationContext(MessageComponentType.Value, topic));
        }

        private static DateTime Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        private static DateTime IssuedAt(Invoice i)
        {
            if (i.IssuedAt is not { Length: > 0 } text) return Date(i.IssueDate);
            var at = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
            return (text.Length > 19 ? at : new DateTimeOffset(at.DateTime, TimeSpan.FromHours(8))).UtcDateTime;
        }

        private static AvroDecimal Money(decimal value, int scale) => new(new BigInteger(value * (decimal)Math.Pow(10, scale)), scale);
    }
}
