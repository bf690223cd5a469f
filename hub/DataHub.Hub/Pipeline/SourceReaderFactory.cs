using DataHub.Connectors.Definitions;
using DataHub.Connectors.Sources;

namespace DataHub.Hub.Pipeline;

/// <summary>Opens the reader a feed's format names.</summary>
public static class SourceReaderFactory
{
    public static ISourceReader Open(FeedDefinition feed, string file) => feed.Format.Type switch
    {
        "csv" => new CsvFileSource(file, feed.Format.Encoding, feed.Format.Delimiter, feed.Format.Header),
        "xlsx" => new XlsxFileSource(file, feed.Format.Header),
        var other => throw new NotSupportedException($"feed {feed.Name}: format '{other}' has no reader"),
    };
}
