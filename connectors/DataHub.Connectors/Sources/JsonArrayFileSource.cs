using System.Text.Json;

namespace DataHub.Connectors.Sources;

/// <summary>
/// Reads a file holding one JSON array of objects (UTF-8), streamed with <see cref="Utf8JsonReader"/>:
/// only the element being read is in memory (at most <see cref="MaxRecordBytes"/>). The record index is
/// the 1-based array index. Elements before a syntax error are delivered; the error itself comes back as
/// one problem row with its line and byte position, and the rest of the file is not read (after a syntax
/// error a JSON array has no reliable next element).
/// </summary>
public sealed class JsonArrayFileSource : ISourceReader
{
    public const int MaxRecordBytes = CsvFileSource.MaxRecordBytes;

    private enum Outcome { Row, NeedMore, End }

    private readonly FileStream _stream;
    private readonly string[] _columns;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _inArray;
    private bool _done;
    private long _index;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });

    /// <param name="columns">The property names or dotted paths the feed maps.</param>
    public JsonArrayFileSource(string path, IEnumerable<string> columns)
    {
        SourceName = Path.GetFileName(path);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _columns = columns.Distinct(StringComparer.Ordinal).ToArray();
        _done = _stream.Length == 0;
    }

    public string SourceName { get; }

    public IReadOnlyList<string> Columns => _columns;

    public (long Position, long Length) Progress => (_stream.Position, _stream.Length);

    public IEnumerable<SourceRow> ReadRows(long afterLine)
    {
        while (Next(out var row))
            if (row.Line > afterLine) yield return row;
    }

    private bool Next(out SourceRow row)
    {
        while (!_done)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            Outcome outcome;
            try
            {
                outcome = Step(ref reader, out row);
            }
            catch (JsonException e)
            {
                _done = true;
                row = new SourceRow(_index + 1, [], $"invalid JSON at {JsonColumns.Where(e, 0)}: {JsonColumns.Reason(e)}; the rest of the file (from array element {_index + 1} on) is not read");
                return true;
            }
            switch (outcome)
            {
                case Outcome.Row: return true;
                case Outcome.End: _done = true; break;
                case Outcome.NeedMore when _eof: _done = true; break;
                case Outcome.NeedMore when _end - _start > MaxRecordBytes:
                    _done = true;
                    row = new SourceRow(_index + 1, [], $"array element {_index + 1} is larger than {MaxRecordBytes} bytes; the rest of the file is not read");
                    return true;
                case Outcome.NeedMore: Fill(); break;
            }
        }
        row = default;
        return false;
    }

    private Outcome Step(ref Utf8JsonReader reader, out SourceRow row)
    {
        row = default;
        if (!_inArray)
        {
            if (!reader.Read()) return Commit(ref reader, Outcome.NeedMore);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                row = new SourceRow(1, [], $"the file must hold a JSON array of objects, but it starts with a {reader.TokenType}");
                return Commit(ref reader, Outcome.End, keepRow: true);
            }
            _inArray = true;
        }
        var mark = reader;
        if (!reader.Read()) return Commit(ref mark, Outcome.NeedMore);
        if (reader.TokenType == JsonTokenType.EndArray) return Outcome.End;
        var element = reader;
        if (!reader.TrySkip()) return Commit(ref mark, Outcome.NeedMore);
        _index++;
        row = ToRow(ref element);
        return Commit(ref reader, Outcome.Row);
    }

    private Outcome Commit(ref Utf8JsonReader reader, Outcome outcome, bool keepRow = false)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        if (keepRow) _done = true;
        return keepRow ? Outcome.Row : outcome;
    }

    private SourceRow ToRow(ref Utf8JsonReader element)
    {
        if (element.TokenType != JsonTokenType.StartObject)
            return new SourceRow(_index, [], $"array element {_index} is a {element.TokenType}, not an object");
        using var document = JsonDocument.ParseValue(ref element);
        try { return new SourceRow(_index, JsonColumns.Extract(document.RootElement, _columns)); }
        catch (InvalidOperationException) { return new SourceRow(_index, [], JsonColumns.NotUtf8); }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }

    public void Dispose() => _stream.Dispose();
}
