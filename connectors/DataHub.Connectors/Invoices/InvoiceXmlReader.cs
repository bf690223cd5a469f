using System.Globalization;
using System.Text;
using System.Xml;

namespace DataHub.Connectors.Invoices;

/// <summary>
/// Reads XML invoice files (&lt;invoices&gt;&lt;invoice&gt;…, the JSON layout's names as elements, items as
/// &lt;items&gt;&lt;item&gt;…; <see cref="InvoiceXmlLayout"/> writes the same layout) with a forward-only
/// <see cref="XmlReader"/>, one invoice at a time. DTDs are refused, so entity expansion cannot happen. A
/// value of the wrong kind names its field and only that invoice is rejected; XML that is not well-formed
/// ends the file. The file may be in any encoding its XML declaration names (GB18030 and GBK included).
/// </summary>
public static class InvoiceXmlReader
{
    // XmlReader looks a declared encoding up in Encoding.GetEncoding: GB18030 and GBK come from the code-pages provider.
    static InvoiceXmlReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true,
        IgnoreProcessingInstructions = true, CloseInput = true,
    };

    public static IEnumerable<InvoiceRead> Read(string path, ReadPosition? position = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = XmlReader.Create(stream, Settings);
        long index = 0;
        while (true)
        {
            var (more, read) = Next(reader, index + 1);
            if (!more) yield break;
            index = read.Index;
            position?.Update(stream);
            yield return read;
            if (read.Invoice is null && read.Field is null && read.Problem!.EndsWith(StopNote, StringComparison.Ordinal)) yield break;
        }
    }

    private const string StopNote = "; the rest of the file was not read";

    private static (bool More, InvoiceRead Read) Next(XmlReader reader, long index)
    {
        try
        {
            if (reader.ReadState == ReadState.Initial)
            {
                reader.MoveToContent();
                if (reader.NodeType != XmlNodeType.Element) return (false, default);
                if (reader.LocalName != "invoices")
                    return (true, new InvoiceRead(index, null, $"the root element is <{reader.Name}>, not <invoices> (element names are case-sensitive){StopNote}"));
            }
            // Walks the root's children: after an invoice the reader is on its end tag, after a Skip already on the next node.
            while (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
                if (!reader.Read()) return (false, default);
            if (reader.LocalName != "invoice")
            {
                var name = reader.Name;
                reader.Skip();
                return (true, new InvoiceRead(index, null, $"<{name}> inside <invoices>, where only <invoice> elements belong (element names are case-sensitive)"));
            }
            if (reader.IsEmptyElement) { reader.Read(); return (true, new InvoiceRead(index, null, "empty invoice element")); }
            using var element = reader.ReadSubtree();
            element.Read();
            try
            {
                return (true, new InvoiceRead(index, Invoice(element), null));
            }
            catch (InvoiceFieldException e)
            {
                return (true, new InvoiceRead(index, null, e.Message, e.Field));
            }
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return (true, new InvoiceRead(index, null, $"the file declares a DTD (<!DOCTYPE …>), which is refused: invoice XML must not declare one (no entity expansion){StopNote}"));
        }
        catch (XmlException e)
        {
            var position = e.LineNumber > 0 ? $" at line {e.LineNumber}, position {e.LinePosition}" : "";
            return (true, new InvoiceRead(index, null, $"invalid XML{position}: {e.Message}{StopNote}"));
        }
    }

    private static Invoice Invoice(XmlReader r)
    {
        var invoice = new Invoice();
        foreach (var name in Children(r))
        {
            switch (name)
            {
                case "kind": invoice.Kind = Kind(Text(r)); break;
                case "invoiceCode": invoice.InvoiceCode = Text(r); break;
                case "invoiceNumber": invoice.InvoiceNumber = Text(r); break;
                case "checkCode": invoice.CheckCode = Text(r); break;
                case "issueDate": invoice.IssueDate = Text(r); break;
                case "visitDate": invoice.VisitDate = Text(r); break;
                case "institutionCode": invoice.InstitutionCode = Text(r); break;
                case "institutionCreditCode": invoice.InstitutionCreditCode = Text(r); break;
                case "payer": invoice.Payer = Payer(r); break;
                case "visitType": invoice.VisitType = Text(r); break;
                case "totalAmount": invoice.TotalAmount = Number(r, "totalAmount"); break;
                case "fundPaid": invoice.FundPaid = Number(r, "fundPaid"); break;
                case "accountPaid": invoice.AccountPaid = Number(r, "accountPaid"); break;
                case "personalPaid": invoice.PersonalPaid = Number(r, "personalPaid"); break;
                case "items": Items(r, invoice.Items); break;
                case "original": invoice.Original = Original(r); break;
                case "reason": invoice.Reason = Text(r); break;
                case "issuedAt": invoice.IssuedAt = Text(r); break;
                default: r.Skip(); break;
            }
        }
        return invoice;
    }

    private static InvoicePayer Payer(XmlReader r)
    {
        var payer = new InvoicePayer();
        foreach (var name in Children(r))
        {
            if (name == "name") payer.Name = Text(r);
            else if (name == "residentId") payer.ResidentId = Text(r);
            else r.Skip();
        }
        return payer;
    }

    private static InvoiceReference Original(XmlReader r)
    {
        var original = new InvoiceReference();
        foreach (var name in Children(r))
        {
            if (name == "invoiceCode") original.InvoiceCode = Text(r);
            else if (name == "invoiceNumber") original.InvoiceNumber = Text(r);
            else r.Skip();
        }
        return original;
    }

    private static void Items(XmlReader r, List<InvoiceItem> items)
    {
        foreach (var name in Children(r))
        {
            if (name != "item") { r.Skip(); continue; }
            var item = new InvoiceItem();
            var at = items.Count + 1;
            foreach (var field in Children(r))
            {
                switch (field)
                {
                    case "itemType": item.ItemType = Text(r); break;
                    case "code": item.Code = Text(r); break;
                    case "name": item.Name = Text(r); break;
                    case "quantity": item.Quantity = Number(r, $"items[{at}].quantity"); break;
                    case "unitPrice": item.UnitPrice = Number(r, $"items[{at}].unitPrice"); break;
                    case "amount": item.Amount = Number(r, $"items[{at}].amount"); break;
                    default: r.Skip(); break;
                }
            }
            items.Add(item);
        }
    }

    /// <summary>
    /// The names of the current element's child elements, the reader on each in turn; the caller consumes each
    /// (reads its text, reads its children, or skips it). Afterwards the reader is past the element's end.
    /// </summary>
    private static IEnumerable<string> Children(XmlReader r)
    {
        if (r.IsEmptyElement) { r.Read(); yield break; }
        var depth = r.Depth;
        r.Read();
        while (r.Depth > depth)
        {
            if (r.NodeType == XmlNodeType.Element) yield return r.LocalName;
            else r.Read();
        }
        if (r.NodeType == XmlNodeType.EndElement) r.Read();
    }

    private static string Text(XmlReader r) => r.ReadElementContentAsString();

    private static decimal Number(XmlReader r, string field)
    {
        var text = Text(r);
        // Float: sign, decimal point, exponent and surrounding white space, as a JSON numeric string allows (bar the white
        // space); no thousands separators ("39,19" must not become 3919) and no trailing sign.
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value : throw new InvoiceFieldException(field, $"'{text}' is not a number");
    }

    private static InvoiceKind Kind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "issued" or "" => InvoiceKind.Issued,
        "void" => InvoiceKind.Void,
        _ => throw new InvoiceFieldException("kind", $"'{text}' must be issued or void"),
    };
}
