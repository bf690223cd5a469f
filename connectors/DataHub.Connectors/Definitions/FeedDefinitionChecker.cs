using Avro;
using DataHub.Connectors.Mapping;
using DataHub.Connectors.Validation;
using DataHub.Schemas.Avro;

namespace DataHub.Connectors.Definitions;

/// <summary>
/// Checks a parsed feed definition against the contracts: the target schema exists, every mapped
/// field is in it, every required field is mapped, rules and formats are known.
/// Errors carry a dotted path (e.g. fields.sex.rules) that the loader turns into a line number.
/// </summary>
public static class FeedDefinitionChecker
{
    public readonly record struct Problem(string Path, string Message);

    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "json", "ndjson", "fhir"];

    /// <summary>A codeTables entry's file, relative to the definition's folder unless absolute.</summary>
    public static string CodeTablePath(FeedDefinition feed, string path) =>
        Path.IsPathRooted(path) || feed.DefinitionPath is null ? Path.GetFullPath(path)
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(feed.DefinitionPath)!, path));
    public static readonly IReadOnlyList<string> SourceKinds = ["file", "sql"];

    public static IEnumerable<Problem> Check(FeedDefinition feed)
    {
        if (string.IsNullOrWhiteSpace(feed.Name)) yield return new("name", "name is missing");
        // The same parser `serve` schedules with, so a cron it would refuse fails here instead of being skipped there.
        if (!string.IsNullOrWhiteSpace(feed.Schedule) && CronProblem(feed.Schedule) is { } cron)
            yield return new("schedule", $"schedule '{feed.Schedule}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 2 * * ?\"): {cron}");
        if (!SourceKinds.Contains(feed.Source.Kind))
            yield return new("source.kind", $"source kind '{feed.Source.Kind}' is not supported (supported: {string.Join(", ", SourceKinds)})");
        else if (feed.Source.Kind == "sql")
            foreach (var problem in SourceChecks.Sql(feed.Source)) yield return problem;
        else
        {
            if (string.IsNullOrWhiteSpace(feed.Source.Path)) yield return new("source.path", "source.path (a file glob) is missing");
            foreach (var problem in SourceChecks.Format(feed.Format)) yield return problem;
        }
        if (string.IsNullOrWhiteSpace(feed.Target.Topic)) yield return new("target.topic", "target.topic is missing");

        foreach (var (key, table) in feed.CodeTables)
        {
            if (!DataHub.Schemas.Codes.CodingStandards.TryGet(key, out _))
                yield return new($"codeTables.{key}", $"'{key}' is not a coding standard key");
            else if (!File.Exists(CodeTablePath(feed, table)))
                yield return new($"codeTables.{key}", $"code table file '{CodeTablePath(feed, table)}' does not exist");
        }

        RecordSchema? schema = null;
        string? schemaError = null;
        try { schema = SchemaCatalog.Get(feed.Target.Schema); }
        catch (Exception e) when (e is KeyNotFoundException or InvalidDataException) { schemaError = e.Message; }
        if (schemaError is not null) { yield return new("target.schema", schemaError); yield break; }

        if (OriginField.Problem(schema!) is { } originProblem) yield return new("target.schema", originProblem);
        var fields = schema!.Fields.ToDictionary(f => f.Name);
        if (!fields.ContainsKey(feed.Target.Key))
            yield return new("target.key", $"key field '{feed.Target.Key}' is not a field of {feed.Target.Schema}");
        else if (!feed.Fields.ContainsKey(feed.Target.Key))
            yield return new("target.key", $"key field '{feed.Target.Key}' is not mapped under fields");

        foreach (var (name, field) in feed.Fields)
        {
            var path = $"fields.{name}";
            if (name == OriginField.Name)
            {
                yield return new(path, $"'{name}' is written by the hub (feed, source, line of each record); it cannot be mapped");
                continue;
            }
            if (!fields.TryGetValue(name, out var target))
            {
                yield return new(path, $"'{name}' is not a field of {feed.Target.Schema} (fields: {string.Join(", ", fields.Keys)})");
                continue;
            }
            if (field.Column is null == field.Const is null)
                yield return new(path, "give exactly one of column or const");
            if (field.Fallback is not null && field.Column is null)
                yield return new($"{path}.fallback", "fallback needs a column to fall back from");
            for (var i = 0; i < field.Rules.Count; i++)
            {
                var rule = FieldRule.Parse(field.Rules[i], out var error);
                if (rule is null) yield return new($"{path}.rules.{i}", error!);
                else if (rule is NotBeforeRule nb && !fields.ContainsKey(nb.OtherField))
                    yield return new($"{path}.rules.{i}", $"notBefore names '{nb.OtherField}', which is not a field of {feed.Target.Schema}");
            }
            ValueConverter? converter = null;
            string? typeError = null;
            try { converter = new ValueConverter(target.Schema, field.Date); }
            catch (NotSupportedException e) { typeError = e.Message; }
            if (typeError is not null) yield return new(path, typeError);
            else if (field.Date is { Count: > 0 } && !converter!.IsDate)
                yield return new($"{path}.date", $"'{name}' is not a date field; date formats do not apply");
        }

        foreach (var field in schema.Fields)
        {
            var nullable = field.Schema is UnionSchema u && u.Schemas.Any(s => s.Tag == Schema.Type.Null);
            if (!nullable && field.DefaultValue is null && !feed.Fields.ContainsKey(field.Name))
                yield return new("fields", $"required field '{field.Name}' of {feed.Target.Schema} is not mapped");
        }
    }

    private static string? CronProblem(string cron)
    {
        try
        {
            _ = new Quartz.CronExpression(cron);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }
}
