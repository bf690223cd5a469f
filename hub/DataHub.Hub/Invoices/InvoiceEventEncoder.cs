using Avro;
using Confluent.SchemaRegistry;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Avro;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.Invoices;

/// <summary>
/// Encodes accepted invoices as invoice-issued / invoice-voided events (Confluent wire format) with the
/// <see cref="CompiledAvroWriter"/>: each schema registered once under its topic's subject, as the stock
/// serializer registers it, then every event written from the invoice's values into one reused buffer (item
/// lines as reused field-value arrays, not GenericRecords). The same bytes as the stock AvroSerializer over
/// GenericRecords (InvoiceEncodingTests). Each schema field is filled by name, so a field added to an .avsc
/// without a value here fails at start, not on the topic. Not thread-safe: one per producing loop.
/// </summary>
public sealed class InvoiceEventEncoder
{
    private delegate object? Field(Invoice invoice, InvoiceEventEncoder encoder);

    private static readonly Dictionary<string, Field> Common = new()
    {
        ["invoiceCode"] = (i, _) => i.InvoiceCode,
        ["invoiceNumber"] = (i, _) => i.InvoiceNumber,
        ["checkCode"] = (i, _) => i.CheckCode,
        ["issueDate"] = (i, _) => Day(i.IssueDate),
        ["institutionCode"] = (i, _) => i.InstitutionCode,
        ["institutionCreditCode"] = (i, _) => i.InstitutionCreditCode,
        ["totalAmount"] = (i, _) => i.TotalAmount,
        ["fundPaid"] = (i, _) => i.FundPaid,
        ["accountPaid"] = (i, _) => i.AccountPaid,
        ["personalPaid"] = (i, _) => i.PersonalPaid,
        ["items"] = (i, e) => e.Items(i),
        ["issuedAt"] = (i, _) => IssuedAt(i),
    };

    private static readonly Dictionary<string, Field> IssuedOnly = new()
    {
        ["payerName"] = (i, _) => i.Payer.Name,
        ["payerId"] = (i, _) => string.IsNullOrEmpty(i.Payer.ResidentId) ? null : i.Payer.ResidentId,
        ["visitType"] = (i, _) => i.VisitType,
        ["visitDate"] = (i, _) => i.VisitDate is null ? null : Day(i.VisitDate),
    };

    private static readonly Dictionary<string, Field> VoidedOnly = new()
    {
        ["originalInvoiceCode"] = (i, _) => i.Original!.InvoiceCode,
        ["originalInvoiceNumber"] = (i, _) => i.Original!.InvoiceNumber,
        ["reason"] = (i, _) => i.Reason,
    };

    private static readonly Dictionary<string, Func<InvoiceItem, object?>> ItemFields = new()
    {
        ["itemType"] = x => x.ItemType,
        ["code"] = x => x.Code,
        ["name"] = x => x.Name,
        ["quantity"] = x => x.Quantity,
        ["unitPrice"] = x => x.UnitPrice,
        ["amount"] = x => x.Amount,
    };

    private readonly EventShape _issued;
    private readonly EventShape _voided;
    private readonly Func<InvoiceItem, object?>[] _itemFields;
    private readonly AvroBuffer _buffer = new(4096);
    private readonly List<object?[]> _items = [];
    private readonly List<object?[]> _itemArrays = [];

    private InvoiceEventEncoder(EventShape issued, EventShape voided)
    {
        _issued = issued;
        _voided = voided;
        var itemSchema = (RecordSchema)((ArraySchema)issued.Schema["items"].Schema).ItemSchema;
        _itemFields = Fill(itemSchema, ItemFields);
    }

    /// <summary>Registers both event schemas (subjects "&lt;topic&gt;-value", TopicNameStrategy) and compiles their writers.</summary>
    public static async Task<InvoiceEventEncoder> CreateAsync(ISchemaRegistryClient registry) =>
        new(await EventShape.CreateAsync(registry, TopicCatalog.InvoicesIssued, "invoice/invoice-issued", IssuedOnly),
            await EventShape.CreateAsync(registry, TopicCatalog.InvoicesVoided, "invoice/invoice-voided", VoidedOnly));

    /// <summary>The event of a valid invoice: the issued event, or for a red-letter invoice the voided one.</summary>
    public byte[] Encode(Invoice invoice)
    {
        var shape = invoice.Kind == InvoiceKind.Issued ? _issued : _voided;
        for (var i = 0; i < shape.Fields.Length; i++) shape.Values[i] = shape.Fields[i](invoice, this);
        _buffer.Reset();
        _buffer.WriteConfluentHeader(shape.SchemaId);
        shape.Write(_buffer, shape.Values);
        return _buffer.ToArray();
    }

    private List<object?[]> Items(Invoice invoice)
    {
        _items.Clear();
        var lines = invoice.Items;
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == _itemArrays.Count) _itemArrays.Add(new object?[_itemFields.Length]);
            var values = _itemArrays[i];
            for (var f = 0; f < _itemFields.Length; f++) values[f] = _itemFields[f](lines[i]);
            _items.Add(values);
        }
        return _items;
    }

    private static DateOnly Day(string isoDate) =>
        IsoDate.TryParse(isoDate, out var day) ? day : throw new FormatException($"'{isoDate}' is not a date (the validator should have refused it)");

    /// <summary>The instant issued, in UTC; the issue date's midnight (UTC) when the invoice gave none.</summary>
    private static DateTime IssuedAt(Invoice i) =>
        i.IssuedAt is { Length: > 0 } text && IsoInstant.TryParseUtc(text, out var at) ? at
            : Day(i.IssueDate).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static T[] Fill<T>(RecordSchema schema, IReadOnlyDictionary<string, T> known) =>
        schema.Fields.Select(f => known.TryGetValue(f.Name, out var field) ? field
            : throw new InvalidOperationException($"schema {schema.Fullname} has a field '{f.Name}' the invoice encoder does not fill")).ToArray();

    private sealed record EventShape(RecordSchema Schema, int SchemaId, Field[] Fields, object?[] Values, Action<AvroBuffer, object?[]> Write)
    {
        public static async Task<EventShape> CreateAsync(ISchemaRegistryClient registry, string topic, string schemaPath, Dictionary<string, Field> own)
        {
            var schema = SchemaCatalog.Get(schemaPath);
            // The stock AvroSerializer registers schema.ToString(); the same text gets the same id.
            var id = await registry.RegisterSchemaAsync($"{topic}-value", new Confluent.SchemaRegistry.Schema(schema.ToString(), SchemaType.Avro), normalize: false);
            var fields = Fill(schema, Common.Concat(own).ToDictionary());
            return new EventShape(schema, id, fields, new object?[fields.Length], CompiledAvroWriter.ForRecordValues(schema));
        }
    }
}
