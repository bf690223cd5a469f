using Avro;
using DataHub.Schemas.Avro.Compatibility;

namespace DataHub.Schemas.Avro;

/// <summary>One schema that may not be released as it is, with every reason.</summary>
public sealed record SchemaReleaseProblem(string Schema, IReadOnlyList<string> Messages)
{
    public override string ToString() => $"{Schema}.avsc: {string.Join("; ", Messages)}";
}

/// <summary>
/// Schema evolution against the last release: schemas/released/&lt;path&gt;.avsc holds the released
/// version of each schemas/avro/&lt;path&gt;.avsc. Every current schema must be BACKWARD compatible
/// with its released version (consumers on the new schema read everything already on the topic), a
/// released schema may not disappear, and a release (<see cref="Release"/>) copies the current
/// schemas over the released ones only when that holds. A new schema (no released version) is fine.
/// </summary>
public static class SchemaRelease
{
    public const CompatibilityLevel Level = CompatibilityLevel.Backward;

    /// <summary>schemas/avro and schemas/released under a repository root.</summary>
    public static (string Current, string Released) Folders(string repositoryRoot) =>
        (Path.Combine(repositoryRoot, "schemas", "avro"), Path.Combine(repositoryRoot, "schemas", "released"));

    public static IReadOnlyList<SchemaReleaseProblem> Check(string currentFolder, string releasedFolder)
    {
        var current = Schemas(currentFolder);
        var released = Schemas(releasedFolder);
        var problems = new List<SchemaReleaseProblem>();
        foreach (var (name, releasedPath) in released)
        {
            if (!current.TryGetValue(name, out var currentPath))
            {
                problems.Add(new(name, ["the schema was released but is gone from schemas/avro: its topic's consumers still need it (deprecate it instead)"]));
                continue;
            }
            var messages = Compare(File.ReadAllText(currentPath), File.ReadAllText(releasedPath));
            if (messages.Count > 0) problems.Add(new(name, messages));
        }
        return problems;
    }

    /// <summary>The incompatibilities of <paramref name="candidate"/> with <paramref name="released"/> at BACKWARD level (none when compatible).</summary>
    public static IReadOnlyList<string> Compare(string candidate, string released)
    {
        try
        {
            return AvroCompatibility.Check(candidate, [released], Level).Messages;
        }
        catch (SchemaParseException e)
        {
            return [$"does not parse: {e.Message}"];
        }
    }

    /// <summary>
    /// Checks, then copies every current schema over its released version. Returns the schemas whose
    /// released text changed; throws <see cref="SchemaReleaseException"/> (nothing copied) when the check fails.
    /// </summary>
    public static IReadOnlyList<string> Release(string currentFolder, string releasedFolder)
    {
        var problems = Check(currentFolder, releasedFolder);
        if (problems.Count > 0) throw new SchemaReleaseException(problems);
        var changed = new List<string>();
        foreach (var (name, path) in Schemas(currentFolder))
        {
            var target = Path.Combine(releasedFolder, name + ".avsc");
            var text = File.ReadAllText(path);
            if (File.Exists(target) && File.ReadAllText(target) == text) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
            changed.Add(name);
        }
        return changed;
    }

    /// <summary>The .avsc files under a folder by their path without extension, e.g. "household/move".</summary>
    public static IReadOnlyDictionary<string, string> Schemas(string folder) =>
        !Directory.Exists(folder) ? new Dictionary<string, string>()
        : Directory.EnumerateFiles(folder, "*.avsc", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(folder, p)[..^".avsc".Length].Replace('\\', '/'), p => p, StringComparer.Ordinal);
}

public sealed class SchemaReleaseException(IReadOnlyList<SchemaReleaseProblem> problems)
    : Exception($"{problems.Count} schema(s) are not {SchemaRelease.Level.ToWireName()} compatible with their released version: {string.Join(" | ", problems)}")
{
    public IReadOnlyList<SchemaReleaseProblem> Problems { get; } = problems;
}
