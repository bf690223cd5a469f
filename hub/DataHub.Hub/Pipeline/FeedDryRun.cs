using System.Globalization;
using Avro;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Mapping;
using DataHub.Schemas.Avro;

namespace DataHub.Hub.Pipeline;

/// <summary>A record that would be published: its source line, key and field values as text (personal fields masked).</summary>
public sealed record DryRunRecord(string Source, long Line, string? Key, IReadOnlyList<KeyValuePair<string, string?>> Values);

/// <summary>A record that would be dead-lettered, as the dead letter would say it (value masked when personal).</summary>
public sealed record DryRunRejection(string Source, long Line, string? Field, string? Value, string Reason);

/// <summary>What a feed would do with its sources: counts, the first records and every rejection.</summary>
public sealed record DryRunResult(string Feed, long Read, long Valid, IReadOnlyList<DryRunRecord> Sample, IReadOnlyList<DryRunRejection> Rejections)
{
    public long Rejected => Rejections.Count;
}

/// <summary>
/// `datahub feed try`: reads and maps a feed's sources exactly as <see cref="FeedRunner"/> does, but publishes
/// nothing and writes no checkpoint, run or dead letter — a data engineer's check of a definition against a sample.
/// </summary>
public static class FeedDryRun
{
    public static DryRunResult Run(FeedDefinition feed, IReadOnlyList<string> sources, int sampleSize = 10, CancellationToken ct = default)
    {
        var schema = SchemaCatalog.Get(feed.Target.Schema);
        var sample = new List<DryRunRecord>();
        var rejections = new List<DryRunRejection>();
        long read = 0, valid = 0;
        foreach (var file in sources)
        {
            using var source = SourceReaderFactory.Open(feed, file);
            var mapper = RecordMapper.Compile(feed, schema, source.Columns, source.SourceName);
            foreach (var row in source.ReadRows(0))
            {
                ct.ThrowIfCancellationRequested();
                read++;
                var mapped = mapper.Map(row);
                if (!mapped.IsValid)
                {
                    rejections.Add(new DryRunRejection(source.SourceName, row.Line, mapped.Error!.Field, mapped.Error.Value, mapped.Error.Reason));
                    continue;
                }
                valid++;
                if (sample.Count < sampleSize)
                    sample.Add(new DryRunRecord(source.SourceName, row.Line, mapper.Mask(feed.Target.Key, mapped.Key),
                        schema.Fields.Select(f => new KeyValuePair<string, string?>(f.Name, mapper.Mask(f.Name, Text(mapped.Values![f.Pos], f.Schema)))).ToList()));
            }
        }
        return new DryRunResult(feed.Name, read, valid, sample, rejections);
    }

    private static string? Text(object? value, Schema schema)
    {
        var logical = (schema is UnionSchema u ? u.Schemas.FirstOrDefault(s => s.Tag != Schema.Type.Null) : schema) as LogicalSchema;
        return value switch
        {
            null => null,
            DateTime d when logical?.LogicalTypeName == "date" => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => new DateTimeOffset(t, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
