using DataHub.Connectors.Definitions;
using DataHub.Connectors.Sources;

namespace DataHub.Hub.Pipeline;

/// <summary>Opens the reader a feed's source kind and format name.</summary>
public static class SourceReaderFactory
{
    /// <summary>Opens <paramref name="file"/> (for a sql source: its key from <see cref="SourceFiles"/>).</summary>
    public static ISourceReader Open(FeedDefinition feed, string file) => feed.Source.Kind == "sql"
        ? new SqlTableSource(feed.Source)
        : new FileInfo(file).Length == 0 ? new EmptyFileSource(file, MappedColumns(feed))
        : feed.Format.Type switch
        {
            "csv" => new CsvFileSource(file, feed.Format.Encoding, feed.Format.Delimiter, feed.Format.Header),
            "xlsx" => new XlsxFileSource(file, feed.Format.Header),
            "json" => new JsonArrayFileSource(file, MappedColumns(feed)),
            "ndjson" => new NdjsonFileSource(file, MappedColumns(feed)),
            "fhir" => new FhirCertificateSource(file, feed.Format.Certificate ?? ""),
            var other => throw new NotSupportedException($"feed {feed.Name}: format '{other}' has no reader"),
        };

    /// <summary>
    /// Whether the source grows in place (a table) rather than arriving as finished files: its checkpoint is a
    /// watermark that later runs continue from, never "completed".
    /// </summary>
    public static bool IsIncremental(FeedDefinition feed) => feed.Source.Kind == "sql";

    /// <summary>JSON records have no header: the columns are what the feed maps.</summary>
    private static IEnumerable<string> MappedColumns(FeedDefinition feed) =>
        feed.Fields.Values.SelectMany(f => new[] { f.Column, f.Fallback }).OfType<string>();
}
