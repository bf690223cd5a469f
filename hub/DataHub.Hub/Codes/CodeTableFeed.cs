using Avro;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Mapping;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Codes;

namespace DataHub.Hub.Codes;

/// <summary>
/// The feed that loads a code table of one coding standard, built in memory from the standard rather
/// than written as YAML: every field of the standard's record is read from the column of the same name
/// (the published tables' header = the record's field names), the code field must be present and pass
/// <c>code:&lt;key&gt;</c> (format + embedded division), validTo may not precede validFrom, credit codes,
/// division codes and resident IDs pass their checks, and records go to the standard's compacted topic
/// keyed by code. Running it through <see cref="Pipeline.FeedRunner"/> gives checkpoints and dead letters.
/// </summary>
public static class CodeTableFeed
{
    /// <summary>Tables whose rows are people (staff codes): their names are personal data.</summary>
    private static readonly HashSet<string> PersonTables = ["physician", "nurse", "pharmacist", "agency-staff"];

    /// <summary>Formats by file extension.</summary>
    public static string FormatOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => "csv",
        ".xlsx" => "xlsx",
        var other => throw new NotSupportedException($"{Path.GetFileName(file)}: code tables are read from .csv or .xlsx files, not '{other}'"),
    };

    public static FeedDefinition For(CodingStandard standard, string file)
    {
        if (standard.Kind != CodingStandardKind.CodeTable)
            throw new NotSupportedException($"{standard.Label} is a document, not a code table: send it through a feed, not `codes load`");
        var schema = SchemaCatalog.Get(standard.Schema);
        var feed = new FeedDefinition
        {
            Name = $"codes.{standard.Key}",
            Department = "medical insurance (coding standards)",
            Description = $"Code table {standard.Label}",
            Source = new SourceDefinition { Kind = "file", Path = Path.GetFullPath(file) },
            Format = new FormatDefinition { Type = FormatOf(file), Encoding = "auto", Header = true },
            Target = new TargetDefinition { Topic = standard.Topic, Schema = standard.Schema, Key = standard.CodeField },
        };
        foreach (var field in schema.Fields)
        {
            if (!IsMappable(field.Schema)) continue;
            feed.Fields[field.Name] = new FieldDefinition
            {
                Column = field.Name,
                Rules = RulesFor(standard, field.Name),
                Date = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd"],
                Personal = PersonTables.Contains(standard.Key) && field.Name is "name" or "certificateNo" or "qualificationNo",
            };
            if (!new ValueConverter(field.Schema, null).IsDate) feed.Fields[field.Name].Date = null;
        }
        return feed;
    }

    private static List<string> RulesFor(CodingStandard standard, string field) => field switch
    {
        _ when field == standard.CodeField => ["required", $"code:{standard.Key}"],
        "validTo" => ["notBefore:validFrom"],
        "creditCode" => ["creditCode"],
        "divisionCode" => ["division"],
        "residentId" => ["residentId"],
        _ => [],
    };

    private static bool IsMappable(Schema schema)
    {
        try { _ = new ValueConverter(schema, null); return true; }
        catch (NotSupportedException) { return false; }
    }
}
