using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataHub.Schemas.Topics;

/// <summary>
/// Generates docs/topics.md and docs/topics.json from <see cref="TopicCatalog"/> (`datahub topics --write docs`).
/// The output depends only on the catalog and the schemas, so a test can compare the committed files with it.
/// </summary>
public static class TopicCatalogDocs
{
    public const string MarkdownFile = "topics.md";
    public const string JsonFile = "topics.json";

    public static string RetentionText(TopicDefinition t) =>
        t.Retention is { } r ? $"{r.TotalDays:0.##} days" : t.Compacted ? "forever (compacted)" : "forever";

    public static string Markdown(IReadOnlyList<TopicDefinition> topics)
    {
        var md = new StringBuilder();
        md.Append("""
            # Topics

            Generated from `schemas/DataHub.Schemas/Topics/TopicCatalog.cs` by `datahub topics --write docs`; do not edit
            by hand (a test fails when this file and the catalog differ).

            Names follow `mi.<domain>.<entity>.v<major>`. Values are Avro in the Confluent wire format; the subject is
            `<topic>-value`. **Schema version** = `v<major>+<fingerprint>`: the major is the one in the topic name (a
            breaking change makes a new topic), the fingerprint is the first 8 hex digits of the SHA-256 of the schema's
            Avro Parsing Canonical Form, so it changes with every change readers and writers see and not with docs.
            Compatible changes keep the topic (BACKWARD against `schemas/released/`, see schemas/README.md).


            """.Replace("\r\n", "\n"));
        md.Append("| topic | key | value schema | schema version | partitions | compaction | retention | producer | consumers |\n");
        md.Append("|---|---|---|---|---:|---|---|---|---|\n");
        foreach (var t in topics)
            md.Append($"| `{t.Name}` | {Cell(t.Key)} | `{t.ValueSchema}` | `{t.SchemaVersion}` | {t.Partitions} | {(t.Compacted ? "compacted" : "delete")} | {RetentionText(t)} | {Cell(t.Producer)} | {Cell(string.Join(", ", t.Consumers))} |\n");
        md.Append("\n## Descriptions\n\n");
        foreach (var t in topics) md.Append($"- `{t.Name}` — {Cell(t.Description)}\n");
        return md.ToString();
    }

    public static string Json(IReadOnlyList<TopicDefinition> topics)
    {
        var rows = topics.Select(t => new
        {
            topic = t.Name,
            key = t.Key,
            valueSchema = t.ValueSchema,
            valueSubject = t.ValueSubject,
            major = t.Major,
            schemaFingerprint = t.SchemaFingerprint,
            schemaVersion = t.SchemaVersion,
            partitions = t.Partitions,
            compacted = t.Compacted,
            retentionMs = t.Retention is { } r ? (long?)r.TotalMilliseconds : null,
            producer = t.Producer,
            consumers = t.Consumers,
            description = t.Description,
        });
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return JsonSerializer.Serialize(new { generatedBy = "datahub topics --write docs", topics = rows }, options).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Writes both files into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<TopicDefinition> topics)
    {
        Directory.CreateDirectory(directory);
        var md = Path.Combine(directory, MarkdownFile);
        var json = Path.Combine(directory, JsonFile);
        File.WriteAllText(md, Markdown(topics), new UTF8Encoding(false));
        File.WriteAllText(json, Json(topics), new UTF8Encoding(false));
        return [md, json];
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
