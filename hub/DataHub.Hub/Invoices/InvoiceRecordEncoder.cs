using System.Globalization;
using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using DataHub.Connectors.Invoices;
using DataHub.Schemas.Avro;

namespace DataHub.Hub.Invoices;

/// <summary>Encodes accepted invoices as invoice-issued / invoice-voided Avro events (Confluent wire format).</summary>
public sealed class InvoiceRecordEncoder(ISchemaRegistryClient registry)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private readonly RecordSchema _issued = SchemaCatalog.Get("invoice/invoice-issued");
    private readonly RecordSchema _voided = SchemaCatalog.Get("invoice/invoice-voided");
    private readonly AvroSerializer<GenericRecord> _serializer = new(registry, new AvroSerializerConfig { AutoRegisterSchemas = true });

    public byte[] Encode(Invoice invoice, string topic)
    {
        var record = invoice.Kind == InvoiceKind.Issued ? Issued(invoice) : Voided(invoice);
        return _serializer.SerializeAsync(record, new SerializationContext(MessageComponentType.Value, topic)).GetAwaiter().GetResult();
    }

    private GenericRecord Issued(Invoice i)
    {
        var r = Common(_issued, i);
        r.Add("payerName", i.Payer.Name);
        r.Add("payerId", string.IsNullOrEmpty(i.Payer.ResidentId) ? null : i.Payer.ResidentId);
        r.Add("visitType", i.VisitType);
        return r;
    }

    private GenericRecord Voided(Invoice i)
    {
        var r = Common(_voided, i);
        r.Add("originalInvoiceCode", i.Original!.InvoiceCode);
        r.Add("originalInvoiceNumber", i.Original.InvoiceNumber);
        r.Add("reason", i.Reason);
        return r;
    }

    private static GenericRecord Common(RecordSchema schema, Invoice i)
    {
        var r = new GenericRecord(schema);
        r.Add("invoiceCode", i.InvoiceCode);
        r.Add("invoiceNumber", i.InvoiceNumber);
        r.Add("checkCode", i.CheckCode);
        r.Add("issueDate", DateOnly.ParseExact(i.IssueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        r.Add("institutionCode", i.InstitutionCode);
        r.Add("institutionCreditCode", i.InstitutionCreditCode);
        r.Add("totalAmount", Money(i.TotalAmount, 2));
        r.Add("fundPaid", Money(i.FundPaid, 2));
        r.Add("accountPaid", Money(i.AccountPaid, 2));
        r.Add("personalPaid", Money(i.PersonalPaid, 2));
        var itemSchema = (RecordSchema)((ArraySchema)schema["items"].Schema).ItemSchema;
        r.Add("items", i.Items.Select(item => Item(itemSchema, item)).ToArray());
        r.Add("issuedAt", IssuedAt(i));
        return r;
    }

    private static GenericRecord Item(RecordSchema schema, InvoiceItem item)
    {
        var r = new GenericRecord(schema);
        r.Add("itemType", item.ItemType);
        r.Add("code", item.Code);
        r.Add("name", item.Name);
        r.Add("quantity", Money(item.Quantity, 4));
        r.Add("unitPrice", Money(item.UnitPrice, 4));
        r.Add("amount", Money(item.Amount, 2));
        return r;
    }

    private static DateTime IssuedAt(Invoice i)
    {
        if (i.IssuedAt is { Length: > 0 } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return (text.Contains('+') || text.EndsWith('Z') ? at : new DateTimeOffset(at.DateTime, ChinaOffset)).UtcDateTime;
        return DateOnly.ParseExact(i.IssueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    /// <summary>Avro decimals must carry exactly the schema's scale.</summary>
    private static AvroDecimal Money(decimal value, int scale) =>
        new(new System.Numerics.BigInteger(decimal.Round(value, scale) * (decimal)Math.Pow(10, scale)), scale);
}
