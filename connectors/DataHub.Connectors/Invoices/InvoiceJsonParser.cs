using System.Buffers.Text;
using System.Text.Json;

namespace DataHub.Connectors.Invoices;

/// <summary>
/// Maps one JSON invoice object (docs/invoices.md) onto <see cref="Invoice"/> straight from a
/// <see cref="Utf8JsonReader"/>: property names matched without allocating (ASCII case ignored, as the
/// earlier JsonSerializer setup did), numbers read as JSON numbers or numeric strings, the few fixed
/// values (item types, visit types) not allocated at all, unknown properties skipped.
/// Hand-written rather than JsonSerializer (even with source-generated metadata) because the invoice path
/// has to parse ~1.7 KB invoices at 100,000 a second on two shared cores, and because a value of the
/// wrong kind must name its field (<see cref="InvoiceFieldException"/>) instead of failing the whole file.
/// </summary>
internal static class InvoiceJsonParser
{
    private const int MaxNameLength = 32;

    /// <summary>Reads the invoice whose StartObject the reader is on; leaves it on the matching EndObject.</summary>
    /// <exception cref="NeedMoreDataException">the reader's (non-final) buffer ends inside the invoice.</exception>
    public static Invoice Read(ref Utf8JsonReader reader)
    {
        var invoice = new Invoice();
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = buffer[..Name(ref reader, buffer)];
            Next(ref reader);
            switch (name)
            {
                case "kind": invoice.Kind = Kind(ref reader); break;
                case "invoicecode": invoice.InvoiceCode = Text(ref reader, "invoiceCode"); break;
                case "invoicenumber": invoice.InvoiceNumber = Text(ref reader, "invoiceNumber"); break;
                case "checkcode": invoice.CheckCode = Text(ref reader, "checkCode"); break;
                case "issuedate": invoice.IssueDate = Text(ref reader, "issueDate"); break;
                case "visitdate": invoice.VisitDate = OptionalText(ref reader, "visitDate"); break;
                case "institutioncode": invoice.InstitutionCode = Text(ref reader, "institutionCode"); break;
                case "institutioncreditcode": invoice.InstitutionCreditCode = Text(ref reader, "institutionCreditCode"); break;
                case "payer": invoice.Payer = Payer(ref reader); break;
                case "visittype": invoice.VisitType = VisitType(ref reader); break;
                case "totalamount": invoice.TotalAmount = Number(ref reader, "totalAmount"); break;
                case "fundpaid": invoice.FundPaid = Number(ref reader, "fundPaid"); break;
                case "accountpaid": invoice.AccountPaid = Number(ref reader, "accountPaid"); break;
                case "personalpaid": invoice.PersonalPaid = Number(ref reader, "personalPaid"); break;
                case "items": Items(ref reader, invoice.Items); break;
                case "original": invoice.Original = Original(ref reader); break;
                case "reason": invoice.Reason = OptionalText(ref reader, "reason"); break;
                case "issuedat": invoice.IssuedAt = OptionalText(ref reader, "issuedAt"); break;
                default: Skip(ref reader); break;
            }
        }
        return invoice;
    }

    private static InvoicePayer Payer(ref Utf8JsonReader reader)
    {
        var payer = new InvoicePayer();
        if (reader.TokenType == JsonTokenType.Null) return payer;
        Expect(ref reader, JsonTokenType.StartObject, "payer", "an object");
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = buffer[..Name(ref reader, buffer)];
            Next(ref reader);
            switch (name)
            {
                case "name": payer.Name = Text(ref reader, "payer.name"); break;
                case "residentid": payer.ResidentId = OptionalText(ref reader, "payer.residentId"); break;
                default: Skip(ref reader); break;
            }
        }
        return payer;
    }

    private static InvoiceReference? Original(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject, "original", "an object");
        var original = new InvoiceReference();
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = buffer[..Name(ref reader, buffer)];
            Next(ref reader);
            switch (name)
            {
                case "invoicecode": original.InvoiceCode = Text(ref reader, "original.invoiceCode"); break;
                case "invoicenumber": original.InvoiceNumber = Text(ref reader, "original.invoiceNumber"); break;
                default: Skip(ref reader); break;
            }
        }
        return original;
    }

    private static void Items(ref Utf8JsonReader reader, List<InvoiceItem> items)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        Expect(ref reader, JsonTokenType.StartArray, "items", "an array");
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            var at = items.Count + 1;
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new InvoiceFieldException($"items[{at}]", $"must be an object, not {Describe(reader.TokenType)}");
            var item = new InvoiceItem();
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = buffer[..Name(ref reader, buffer)];
                Next(ref reader);
                switch (name)
                {
                    case "itemtype": item.ItemType = ItemType(ref reader, at); break;
                    case "code": item.Code = Text(ref reader, new ItemField(at, "code")); break;
                    case "name": item.Name = Text(ref reader, new ItemField(at, "name")); break;
                    case "quantity": item.Quantity = Number(ref reader, new ItemField(at, "quantity")); break;
                    case "unitprice": item.UnitPrice = Number(ref reader, new ItemField(at, "unitPrice")); break;
                    case "amount": item.Amount = Number(ref reader, new ItemField(at, "amount")); break;
                    default: Skip(ref reader); break;
                }
            }
            items.Add(item);
        }
    }

    private static InvoiceKind Kind(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("issued"u8)) return InvoiceKind.Issued;
            if (reader.ValueTextEquals("void"u8)) return InvoiceKind.Void;
            var text = reader.GetString()!;
            if (text.Equals("issued", StringComparison.OrdinalIgnoreCase)) return InvoiceKind.Issued;
            if (text.Equals("void", StringComparison.OrdinalIgnoreCase)) return InvoiceKind.Void;
            throw new InvoiceFieldException("kind", $"'{text}' must be issued or void");
        }
        throw new InvoiceFieldException("kind", $"must be the string issued or void, not {Describe(reader.TokenType)}");
    }

    private static string ItemType(ref Utf8JsonReader reader, int at)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("service-item"u8)) return "service-item";
            if (reader.ValueTextEquals("drug"u8)) return "drug";
            if (reader.ValueTextEquals("consumable"u8)) return "consumable";
        }
        return Text(ref reader, new ItemField(at, "itemType"));
    }

    private static string VisitType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("outpatient"u8)) return "outpatient";
            if (reader.ValueTextEquals("inpatient"u8)) return "inpatient";
        }
        return Text(ref reader, "visitType");
    }

    private static string Text(ref Utf8JsonReader reader, ItemField field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Null => "",
        _ => throw new InvoiceFieldException(field.ToString(), $"must be a string, not {Describe(reader.TokenType)}"),
    };

    private static string Text(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Null => "",
        _ => throw new InvoiceFieldException(field, $"must be a string, not {Describe(reader.TokenType)}"),
    };

    private static string? OptionalText(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : Text(ref reader, field);

    private static decimal Number(ref Utf8JsonReader reader, ItemField field) =>
        TryNumber(ref reader, out var value) ? value : throw NotANumber(ref reader, field.ToString());

    private static decimal Number(ref Utf8JsonReader reader, string field) =>
        TryNumber(ref reader, out var value) ? value : throw NotANumber(ref reader, field);

    private static bool TryNumber(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out value);
            case JsonTokenType.String:
                return !reader.ValueIsEscaped && !reader.HasValueSequence
                    && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length;
            default:
                return false;
        }
    }

    private static InvoiceFieldException NotANumber(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return new InvoiceFieldException(field, "is required but null");
        var shown = reader.TokenType is JsonTokenType.Number or JsonTokenType.String ? $"'{Raw(ref reader)}'" : Describe(reader.TokenType);
        return new InvoiceFieldException(field, $"{shown} is not a number");
    }

    /// <summary>An item line's field, named only when it is at fault (no string per value read).</summary>
    private readonly record struct ItemField(int Item, string Field)
    {
        public override string ToString() => $"items[{Item}].{Field}";
    }

    /// <summary>Writes the property name lower-cased (ASCII) into <paramref name="buffer"/>; returns its length (0 when too long to be one of ours).</summary>
    private static int Name(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            var text = reader.GetString()!;
            return text.Length > buffer.Length ? 0 : text.AsSpan().ToLowerInvariant(buffer);
        }
        var span = reader.ValueSpan;
        if (span.Length > buffer.Length) return 0;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            buffer[i] = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b);
        }
        return span.Length;
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

    private static string Raw(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? "…" : System.Text.Encoding.UTF8.GetString(reader.ValueSpan.Length > 40 ? reader.ValueSpan[..40] : reader.ValueSpan);

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
