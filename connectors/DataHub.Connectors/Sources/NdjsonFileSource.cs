using System.Text.Json;

namespace DataHub.Connectors.Sources;

/// <summary>
/// Reads newline-delimited JSON (one object per line, UTF-8). The record index is the 1-based line;
/// blank lines are skipped. A line that is not a JSON object, or longer than <see cref="MaxRecordBytes"/>,
/// comes back as a problem row and the next line is read as usual.
/// </summary>
public sealed class NdjsonFileSource : ISourceReader
{
    public const int MaxRecordBytes = CsvFileSource.MaxRecordBytes;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    private readonly FileStream _stream;
    private readonly string[] _columns;

    /// <param name="columns">The property names or dotted paths the feed maps (JSON lines have no header).</param>
    public NdjsonFileSource(string path, IEnumerable<string> columns)
    {
        SourceName = Path.GetFileName(path);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _columns = columns.Distinct(StringComparer.Ordinal).ToArray();
    }

    public string SourceName { get; }

    public IReadOnlyList<string> Columns => _columns;

    public (long Position, long Length) Progress => (_stream.Position, _stream.Length);

    public IEnumerable<SourceRow> ReadRows(long afterLine)
    {
        var lines = new BoundedLineReader(_stream, MaxRecordBytes);
        long number = 0;
        while (lines.Next(out var bytes, out var tooLong))
        {
            number++;
            if (number <= afterLine) continue;
            if (tooLong)
            {
                yield return new SourceRow(number, [], $"the line is longer than {MaxRecordBytes} bytes (a runaway line?); it was skipped");
                continue;
            }
            if (bytes.Span.Trim(" \t\r"u8).IsEmpty) continue;
            yield return Parse(number, bytes);
        }
    }

    private SourceRow Parse(long line, ReadOnlyMemory<byte> bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span)) return new SourceRow(line, [], JsonColumns.NotUtf8);
        try
        {
            using var document = JsonDocument.Parse(bytes, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return new SourceRow(line, [], $"the line is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
            return new SourceRow(line, JsonColumns.Extract(document.RootElement, _columns));
        }
        catch (JsonException e)
        {
            return new SourceRow(line, [], $"invalid JSON at byte {(e.BytePositionInLine ?? 0) + 1}: {JsonColumns.Reason(e)}");
        }
    }

    public void Dispose() => _stream.Dispose();
}
