namespace DataHub.Connectors.Sources;

/// <summary>
/// A 0-byte source file: it has no header and no records, which usually means a broken export, so it
/// yields one problem row (line 1) for the dead-letter topic instead of passing silently. (A file with
/// a header and no records is a normal "nothing this period" and is read by its format's reader.)
/// </summary>
public sealed class EmptyFileSource(string path, IEnumerable<string> columns) : ISourceReader
{
    private readonly string[] _columns = columns.Distinct(StringComparer.Ordinal).ToArray();

    public string SourceName { get; } = Path.GetFileName(path);

    public IReadOnlyList<string> Columns => _columns;

    public (long Position, long Length) Progress => (0, 0);

    public IEnumerable<SourceRow> ReadRows(long afterLine)
    {
        if (afterLine < 1) yield return new SourceRow(1, [], "the file is empty (0 bytes): no header and no records");
    }

    public void Dispose() { }
}
