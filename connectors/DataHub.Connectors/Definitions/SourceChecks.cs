using DataHub.Connectors.Sources;
using static DataHub.Connectors.Definitions.FeedDefinitionChecker;

namespace DataHub.Connectors.Definitions;

/// <summary>The checks of a feed's source and format sections, per source kind and format.</summary>
internal static class SourceChecks
{
    public static IEnumerable<Problem> Format(FormatDefinition format)
    {
        if (!Formats.Contains(format.Type))
        {
            yield return new("format.type", $"format '{format.Type}' is not supported (supported: {string.Join(", ", Formats)})");
            yield break;
        }
        if (format.Type == "csv" && format.Delimiter.Length != 1) yield return new("format.delimiter", "delimiter must be one character");
        if (format.Type == "csv" && !TextEncodingDetector.IsKnown(format.Encoding))
            yield return new("format.encoding", $"encoding '{format.Encoding}' is not known (auto, utf-8, gb18030, gbk, gb2312, or a .NET encoding name)");
        if (format.Type == "fhir" && format.Certificate is not ("birth" or "death"))
            yield return new("format.certificate", $"a fhir feed names its certificates: certificate: birth or certificate: death (not '{format.Certificate}')");
        if (format.Type != "fhir" && format.Certificate is not null)
            yield return new("format.certificate", "certificate applies to the fhir format only");
        if (format.Type is "json" or "ndjson" or "fhir" && format.Encoding is not ("auto" or "utf-8" or "utf8"))
            yield return new("format.encoding", $"{format.Type} files are UTF-8 (RFC 8259 / FHIR); encoding '{format.Encoding}' does not apply");
    }

    public static IEnumerable<Problem> Sql(SourceDefinition source)
    {
        if (!SqlTableSource.Providers.Contains(source.Provider))
            yield return new("source.provider", $"provider '{source.Provider}' is not supported (supported: {string.Join(", ", SqlTableSource.Providers)})");
        if (string.IsNullOrWhiteSpace(source.ConnectionString)) yield return new("source.connectionString", "source.connectionString is missing");
        if (!SqlTableSource.IsIdentifier(source.Table))
            yield return new("source.table", $"table '{source.Table}' is missing or not a plain name (letters, digits, _; optionally schema.table)");
        if (!SqlTableSource.IsIdentifier(source.Watermark) || source.Watermark.Contains('.'))
            yield return new("source.watermark", $"watermark '{source.Watermark}' is missing or not a plain column name");
        if (source.BatchSize is < 1 or > 100_000) yield return new("source.batchSize", "batchSize must be between 1 and 100000");
        if (!string.IsNullOrEmpty(source.Path)) yield return new("source.path", "path applies to file sources only");
    }
}
