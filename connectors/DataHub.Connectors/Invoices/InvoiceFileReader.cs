using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using System.Xml.Serialization;

namespace DataHub.Connectors.Invoices;

/// <summary>
/// Reads invoice files: a JSON array (streamed element by element), NDJSON (one invoice per line) or
/// XML (&lt;invoices&gt;&lt;invoice&gt;…, DTDs refused so entity expansion cannot happen). An invoice that
/// does not parse is reported with its position and reason; the ones before (and, for NDJSON and XML
/// elements, after) it still come through.
/// </summary>
public static class InvoiceFileReader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static XmlSerializer Xml => InvoiceXmlLayout.Serializer;

    public static IEnumerable<InvoiceRead> Read(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".xml" => ReadXml(path),
            ".ndjson" or ".jsonl" => ReadNdjson(path),
            _ => ReadJsonArray(path),
        };
    }

    private static IEnumerable<InvoiceRead> ReadJsonArray(string path)
    {
        using var stream = File.OpenRead(path);
        // System.Text.Json streams a top-level array only through its async enumerable; the file is local, so blocking is fine.
        var enumerator = JsonSerializer.DeserializeAsyncEnumerable<Invoice>(stream, Json).GetAsyncEnumerator();
        try
        {
            foreach (var read in ReadElements(enumerator)) yield return read;
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static IEnumerable<InvoiceRead> ReadElements(IAsyncEnumerator<Invoice?> enumerator)
    {
        long index = 0;
        while (true)
        {
            Invoice? invoice;
            string? problem = null;
            try
            {
                if (!enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult()) yield break;
                invoice = enumerator.Current;
            }
            catch (JsonException e)
            {
                invoice = null;
                problem = $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message.Split(" Path:")[0]}; the rest of the file was not read";
            }
            index++;
            if (problem is not null) { yield return new InvoiceRead(index, null, problem); yield break; }
            yield return invoice is null ? new InvoiceRead(index, null, "null instead of an invoice") : new InvoiceRead(index, invoice, null);
        }
    }

    private static IEnumerable<InvoiceRead> ReadNdjson(string path)
    {
        long index = 0;
        foreach (var line in File.ReadLines(path))
        {
            index++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            Invoice? invoice = null;
            string? problem = null;
            try { invoice = JsonSerializer.Deserialize<Invoice>(line, Json); }
            catch (JsonException e) { problem = $"invalid JSON at byte {e.BytePositionInLine}: {e.Message.Split(" Path:")[0]}"; }
            yield return new InvoiceRead(index, invoice, problem ?? (invoice is null ? "null instead of an invoice" : null));
        }
    }

    private static IEnumerable<InvoiceRead> ReadXml(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true };
        using var reader = XmlReader.Create(path, settings);
        long index = 0;
        while (true)
        {
            Invoice? invoice = null;
            string? problem = null;
            var found = false;
            try
            {
                found = reader.ReadToFollowing("invoice");
                if (found)
                {
                    index++;
                    using var element = reader.ReadSubtree();
                    invoice = (Invoice?)Xml.Deserialize(element);
                }
            }
            catch (Exception e) when (e is XmlException or InvalidOperationException)
            {
                var position = reader is IXmlLineInfo info && info.HasLineInfo() ? $" at line {info.LineNumber}, position {info.LinePosition}" : "";
                problem = $"invalid XML{position}: {(e.InnerException ?? e).Message}; the rest of the file was not read";
                index = Math.Max(index, 1);
            }
            if (problem is not null) { yield return new InvoiceRead(index, null, problem); yield break; }
            if (!found) yield break;
            yield return new InvoiceRead(index, invoice, invoice is null ? "empty invoice element" : null);
        }
    }
}
