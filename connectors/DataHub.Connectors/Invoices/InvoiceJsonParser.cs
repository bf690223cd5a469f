using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using DataHub.Schemas.Text;

namespace DataHub.Connectors.Invoices;

/// <summary>
/// Maps one JSON invoice object (docs/invoices.md) onto <see cref="Invoice"/> straight from a
/// <see cref="Utf8JsonReader"/>: property names matched without allocating (<see cref="JsonNames"/>, ASCII
/// case ignored as the earlier JsonSerializer setup did), numbers read as JSON numbers or numeric strings,
/// repeated values (codes, names, dates) taken from a cache, unknown properties skipped.
/// Hand-written rather than JsonSerializer (even with source-generated metadata) because the invoice path
/// has to parse ~1.7 KB invoices at 100,000 a second on two shared cores, and because a value of the
/// wrong kind must name its field (<see cref="InvoiceFieldException"/>) instead of failing the whole file.
/// One per reader (the cache is not thread-safe).
/// </summary>
internal sealed class InvoiceJsonParser
{
    private static readonly JsonNames Top = new("kind", "invoiceCode", "invoiceNumber", "checkCode", "issueDate", "visitDate", "institutionCode",
        "institutionCreditCode", "payer", "visitType", "totalAmount", "fundPaid", "accountPaid", "personalPaid", "items", "original", "reason", "issuedAt");
    private static readonly JsonNames ItemNames = new("itemType", "code", "name", "quantity", "unitPrice", "amount");
    private static readonly JsonNames PayerNames = new("name", "residentId");
    private static readonly JsonNames OriginalNames = new("invoiceCode", "invoiceNumber");
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Utf8StringCache _repeated = new();
    private readonly InvoiceRecycler _recycler;

    /// <param name="recycler">where to take invoice objects from (a fresh one per invoice when not given).</param>
    public InvoiceJsonParser(InvoiceRecycler? recycler = null) => _recycler = recycler ?? new InvoiceRecycler();

    /// <summary>Reads the invoice whose StartObject the reader is on; leaves it on the matching EndObject.</summary>
    /// <exception cref="NeedMoreDataException">the reader's (non-final) buffer ends inside the invoice.</exception>
    public Invoice Read(ref Utf8JsonReader reader)
    {
        var invoice = _recycler.Rent();
        try
        {
            Fill(ref reader, invoice);
            return invoice;
        }
        catch (InvoiceFieldException)
        {
            _recycler.Return(invoice);
            throw;
        }
    }

    private void Fill(ref Utf8JsonReader reader, Invoice invoice)
    {
        var itemsRead = 0;
        var hint = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = Top.Match(ref reader, ref hint);
            Next(ref reader);
            switch (property)
            {
                case 0: invoice.Kind = Kind(ref reader); break;
                case 1: invoice.InvoiceCode = Repeated(ref reader, "invoiceCode"); break;
                case 2: invoice.InvoiceNumber = Text(ref reader, "invoiceNumber"); break;
                case 3: invoice.CheckCode = Text(ref reader, "checkCode"); break;
                case 4: invoice.IssueDate = Repeated(ref reader, "issueDate"); break;
                case 5: invoice.VisitDate = reader.TokenType == JsonTokenType.Null ? null : Repeated(ref reader, "visitDate"); break;
                case 6: invoice.InstitutionCode = Repeated(ref reader, "institutionCode"); break;
                case 7: invoice.InstitutionCreditCode = Repeated(ref reader, "institutionCreditCode"); break;
                case 8: Payer(ref reader, invoice.Payer); break;
                case 9: invoice.VisitType = Repeated(ref reader, "visitType"); break;
                case 10: invoice.TotalAmount = Number(ref reader, "totalAmount"); break;
                case 11: invoice.FundPaid = Number(ref reader, "fundPaid"); break;
                case 12: invoice.AccountPaid = Number(ref reader, "accountPaid"); break;
                case 13: invoice.PersonalPaid = Number(ref reader, "personalPaid"); break;
                case 14: itemsRead = Items(ref reader, invoice.Items); break;
                case 15: invoice.Original = Original(ref reader); break;
                case 16: invoice.Reason = reader.TokenType == JsonTokenType.Null ? null : Repeated(ref reader, "reason"); break;
                case 17: invoice.IssuedAt = reader.TokenType == JsonTokenType.Null ? null : Text(ref reader, "issuedAt"); break;
                default: Skip(ref reader); break;
            }
        }
        // A recycled invoice may hold more item lines than this one has.
        if (invoice.Items.Count > itemsRead) invoice.Items.RemoveRange(itemsRead, invoice.Items.Count - itemsRead);
    }

    private static void Payer(ref Utf8JsonReader reader, InvoicePayer payer)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        Expect(ref reader, JsonTokenType.StartObject, "payer", "an object");
        var hint = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = PayerNames.Match(ref reader, ref hint);
            Next(ref reader);
            switch (property)
            {
                case 0: payer.Name = Text(ref reader, "payer.name"); break;
                case 1: payer.ResidentId = reader.TokenType == JsonTokenType.Null ? null : Text(ref reader, "payer.residentId"); break;
                default: Skip(ref reader); break;
            }
        }
    }

    private static InvoiceReference? Original(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject, "original", "an object");
        var original = new InvoiceReference();
        var hint = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = OriginalNames.Match(ref reader, ref hint);
            Next(ref reader);
            switch (property)
            {
                case 0: original.InvoiceCode = Text(ref reader, "original.invoiceCode"); break;
                case 1: original.InvoiceNumber = Text(ref reader, "original.invoiceNumber"); break;
                default: Skip(ref reader); break;
            }
        }
        return original;
    }

    /// <summary>Fills the item lines into <paramref name="items"/> from its start, reusing the objects there; returns how many.</summary>
    private int Items(ref Utf8JsonReader reader, List<InvoiceItem> items)
    {
        if (reader.TokenType == JsonTokenType.Null) return 0;
        Expect(ref reader, JsonTokenType.StartArray, "items", "an array");
        var hint = 0;
        var count = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            var at = ++count;
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new InvoiceFieldException($"items[{at}]", $"must be an object, not {Describe(reader.TokenType)}");
            var item = at <= items.Count ? Reset(items[at - 1]) : new InvoiceItem();
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var property = ItemNames.Match(ref reader, ref hint);
                Next(ref reader);
                switch (property)
                {
                    case 0: item.ItemType = Repeated(ref reader, new ItemField(at, "itemType")); break;
                    case 1: item.Code = Repeated(ref reader, new ItemField(at, "code")); break;
                    case 2: item.Name = Repeated(ref reader, new ItemField(at, "name")); break;
                    case 3: item.Quantity = Number(ref reader, new ItemField(at, "quantity")); break;
                    case 4: item.UnitPrice = Number(ref reader, new ItemField(at, "unitPrice")); break;
                    case 5: item.Amount = Number(ref reader, new ItemField(at, "amount")); break;
                    default: Skip(ref reader); break;
                }
            }
            if (at > items.Count) items.Add(item);
        }
        return count;
    }

    private static InvoiceItem Reset(InvoiceItem item)
    {
        item.ItemType = item.Code = item.Name = "";
        item.Quantity = item.UnitPrice = item.Amount = 0;
        return item;
    }

    private static InvoiceKind Kind(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new InvoiceFieldException("kind", $"must be the string issued or void, not {Describe(reader.TokenType)}");
        if (reader.ValueTextEquals("issued"u8)) return InvoiceKind.Issued;
        if (reader.ValueTextEquals("void"u8)) return InvoiceKind.Void;
        var text = Text(ref reader, "kind");
        if (text.Equals("issued", StringComparison.OrdinalIgnoreCase)) return InvoiceKind.Issued;
        if (text.Equals("void", StringComparison.OrdinalIgnoreCase)) return InvoiceKind.Void;
        throw new InvoiceFieldException("kind", $"'{text}' must be issued or void");
    }

    /// <summary>A string value that repeats across invoices, from the cache.</summary>
    private string Repeated<TField>(ref Utf8JsonReader reader, TField field) where TField : notnull
    {
        if (reader.TokenType == JsonTokenType.Null) return "";
        if (reader.TokenType != JsonTokenType.String) throw new InvoiceFieldException(field.ToString()!, $"must be a string, not {Describe(reader.TokenType)}");
        try { return _repeated.Get(ref reader, StrictUtf8); }
        catch (DecoderFallbackException) { throw new InvoiceFieldException(field.ToString()!, "is not valid UTF-8"); }
    }

    private static string Text(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return "";
            case JsonTokenType.String:
                try { return reader.GetString()!; }
                catch (InvalidOperationException) { throw new InvoiceFieldException(field, "is not valid UTF-8"); }
            default: throw new InvoiceFieldException(field, $"must be a string, not {Describe(reader.TokenType)}");
        }
    }

    private static decimal Number<TField>(ref Utf8JsonReader reader, TField field) where TField : notnull
    {
        if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            && FixedPoint.TryParse(reader.ValueSpan, out var value)) return value;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out value)) return value;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length) return value;
        if (reader.TokenType == JsonTokenType.Null) throw new InvoiceFieldException(field.ToString()!, "is required but null");
        var shown = reader.TokenType is JsonTokenType.Number or JsonTokenType.String && !reader.HasValueSequence
            ? $"'{Encoding.UTF8.GetString(reader.ValueSpan[..Math.Min(40, reader.ValueSpan.Length)])}'" : Describe(reader.TokenType);
        throw new InvoiceFieldException(field.ToString()!, $"{shown} is not a number");
    }

    /// <summary>An item line's field, named only when it is at fault (no string per value read).</summary>
    private readonly record struct ItemField(int Item, string Field)
    {
        public override string ToString() => $"items[{Item}].{Field}";
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string field, string what)
    {
        if (reader.TokenType != type) throw new InvoiceFieldException(field, $"must be {what}, not {Describe(reader.TokenType)}");
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip()) throw new NeedMoreDataException();
    }

    internal static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new NeedMoreDataException();

    internal static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}

/// <summary>The reader's buffer ended inside an invoice: refill it and parse the invoice again from its start.</summary>
internal sealed class NeedMoreDataException() : Exception("the buffer ends inside an invoice");

/// <summary>A well-formed invoice with a value of the wrong kind in <see cref="Field"/> (e.g. a number that is not one).</summary>
public sealed class InvoiceFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
