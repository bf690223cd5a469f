namespace DataHub.Connectors.Sources;

/// <summary>
/// One record as a source delivered it: its 1-based line (files) or index (other sources), and its
/// raw field values. <see cref="Problem"/> is set when the row itself is unusable (wrong column
/// count, undecodable bytes); such a row is dead-lettered without mapping.
/// </summary>
public readonly record struct SourceRow(long Line, string[] Fields, string? Problem = null);

/// <summary>A source opened for reading: its column names and its rows, in order.</summary>
public interface ISourceReader : IDisposable
{
    /// <summary>The source's name in errors and dead letters (usually the file name).</summary>
    string SourceName { get; }

    /// <summary>Column names (from the header), or "1", "2", … when the source has none.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Rows after <paramref name="afterLine"/> (0 for all).</summary>
    IEnumerable<SourceRow> ReadRows(long afterLine);

    /// <summary>Bytes consumed so far and the total, for progress.</summary>
    (long Position, long Length) Progress { get; }
}
