using System.Text.Json;

namespace DataHub.Connectors.Invoices;

/// <summary>
/// Reads invoice files, streaming (memory stays flat whatever the file size): NDJSON (one invoice per
/// line), a JSON array (element by element) or XML (<see cref="InvoiceXmlReader"/>). An invoice that does
/// not parse is reported with its position, field and reason and the others still come through; only JSON
/// that is not JSON any more (a syntax error) ends an array file, since nothing after it can be trusted.
/// </summary>
public static class InvoiceFileReader
{
    private const int BufferSize = 1 << 20;
    /// <summary>A single invoice larger than this is refused (a runaway line must not exhaust memory).</summary>
    public const int MaxInvoiceBytes = 16 << 20;

    /// <param name="recycler">JSON invoices are filled into objects taken from it (the caller hands each back when done with it).</param>
    /// <param name="position">updated with how far into the file the reader is.</param>
    public static IEnumerable<InvoiceRead> Read(string path, InvoiceRecycler? recycler = null, ReadPosition? position = null) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xml" => InvoiceXmlReader.Read(path, position),
        ".ndjson" or ".jsonl" => ReadNdjson(path, recycler, position),
        _ => ReadJsonArray(path, recycler, position),
    };

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private static IEnumerable<InvoiceRead> ReadNdjson(string path, InvoiceRecycler? recycler, ReadPosition? position)
    {
        using var stream = Open(path);
        var window = new ByteWindow(stream, BufferSize);
        var parser = new InvoiceJsonParser(recycler);
        long line = 0;
        while (window.TryTakeLine(MaxInvoiceBytes, out var start, out var length, out var tooLong))
        {
            line++;
            position?.Update(stream);
            if (tooLong) { yield return new InvoiceRead(line, null, $"line is longer than {MaxInvoiceBytes >> 20} MB; skipped"); continue; }
            if (IsBlank(window.Bytes.AsSpan(start, length))) continue;
            yield return ParseLine(parser, window.Bytes.AsSpan(start, length), line);
        }
    }

    private static InvoiceRead ParseLine(InvoiceJsonParser parser, ReadOnlySpan<byte> json, long line)
    {
        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
            InvoiceJsonParser.Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject)
                return new InvoiceRead(line, null, reader.TokenType == JsonTokenType.Null ? "null instead of an invoice"
                    : $"{InvoiceJsonParser.Describe(reader.TokenType)} instead of an invoice object");
            var invoice = parser.Read(ref reader);
            if (reader.Read()) return new InvoiceRead(line, null, $"more than one JSON value on the line (byte {reader.TokenStartIndex + 1})");
            return new InvoiceRead(line, invoice, null);
        }
        catch (InvoiceFieldException e) { return new InvoiceRead(line, null, e.Message, e.Field); }
        catch (JsonException e) { return new InvoiceRead(line, null, $"invalid JSON at byte {e.BytePositionInLine + 1}: {Message(e)}"); }
        catch (NeedMoreDataException) { return new InvoiceRead(line, null, "the line ends inside the invoice"); }
    }

    private static IEnumerable<InvoiceRead> ReadJsonArray(string path, InvoiceRecycler? recycler, ReadPosition? position)
    {
        using var stream = Open(path);
        var array = new JsonArrayCursor(new ByteWindow(stream, BufferSize), new InvoiceJsonParser(recycler));
        var batch = new List<InvoiceRead>(256);
        while (array.ReadBatch(batch, 256))
        {
            position?.Update(stream);
            foreach (var read in batch) yield return read;
            batch.Clear();
        }
        position?.Update(stream);
        foreach (var read in batch) yield return read;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    internal static string Message(JsonException e) => (e.Message.Split(" Path:")[0]).Split(" LineNumber:")[0];
}
