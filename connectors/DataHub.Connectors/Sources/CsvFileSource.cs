using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace DataHub.Connectors.Sources;

/// <summary>
/// Reads a delimited text file with CsvHelper's SIMD UTF-8 reader, transcoding GB18030 files on the
/// way in. Rows with the wrong column count, broken quoting or bytes that are not valid in the file's
/// encoding come back with a <see cref="SourceRow.Problem"/> (and their line) instead of stopping the file.
/// </summary>
public sealed class CsvFileSource : ISourceReader
{
    /// <summary>A record longer than this (bytes) is refused: protects memory from a runaway quote or a 1 GB line.</summary>
    public const int MaxRecordBytes = 4 << 20;

    private readonly FileStream _stream;
    private readonly CsvReader _reader;
    private readonly Queue<SourceRow> _malformed = new();
    private readonly bool _checkUtf8;
    private string[] _columns = [];

    public CsvFileSource(string path, string encoding = "auto", string delimiter = ",", bool header = true)
    {
        SourceName = Path.GetFileName(path);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Encoding = TextEncodingDetector.Resolve(encoding, _stream);
        // CsvHelper reads UTF-8 natively; any other encoding is transcoded by it while reading.
        var isUtf8 = Encoding.CodePage == Encoding.UTF8.CodePage;
        _checkUtf8 = isUtf8;
        _reader = CsvReader.Create(_stream, new CsvReaderOptions
        {
            Separator = delimiter[0],
            HasHeader = header,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,
            Encoding = isUtf8 ? null : Encoding,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = OnMalformed,
            IncludeValuesInExceptions = false,
        }, leaveOpen: false);
        if (header)
        {
            _reader.ReadHeader();
            _columns = _reader.Headers.Select(h => h.Trim()).ToArray();
        }
    }

    public string SourceName { get; }

    public Encoding Encoding { get; }

    public IReadOnlyList<string> Columns => _columns;

    public (long Position, long Length) Progress => (_stream.Position, _stream.Length);

    private void OnMalformed(CsvMalformedRecord record)
    {
        var reason = record.Reason switch
        {
            CsvMalformedReason.FieldCountMismatch => $"wrong number of columns (the header has {_columns.Length})",
            CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (truncated file?)",
            CsvMalformedReason.StrayQuote => "a stray quote inside an unquoted field",
            CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
            var other => $"malformed CSV ({other})",
        };
        if (record.Skipped) _malformed.Enqueue(new SourceRow(record.LineNumber, [], reason));
    }

    public IEnumerable<SourceRow> ReadRows(long afterLine)
    {
        while (true)
        {
            bool more;
            string? fatal = null;
            try
            {
                more = _reader.Read();
            }
            catch (CsvFormatException e)
            {
                more = false;
                fatal = $"the file cannot be read past this point: {e.Message}";
            }
            while (_malformed.TryDequeue(out var bad))
                if (bad.Line > afterLine) yield return bad;
            if (fatal is not null)
            {
                yield return new SourceRow(LastLine + 1, [], fatal);
                yield break;
            }
            if (!more) yield break;
            var line = _reader.LineNumber;
            LastLine = line;
            if (line <= afterLine) continue;
            if (_checkUtf8 && !Utf8.IsValid(_reader.RawRecord))
            {
                yield return new SourceRow(line, [], $"bytes are not valid UTF-8 (is the file {TextEncodingDetector.Gb18030.WebName}? declare its encoding)");
                continue;
            }
            var fields = new string[_reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = _reader.GetString(i);
            yield return new SourceRow(line, fields);
        }
    }

    /// <summary>The line of the last record read.</summary>
    public long LastLine { get; private set; }

    public void Dispose() => _reader.Dispose();
}
