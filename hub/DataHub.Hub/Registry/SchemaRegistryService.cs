using Avro;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Avro.Compatibility;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Registry;

/// <summary>A subject version with its schema, as the registry answers it.</summary>
public sealed record RegisteredSchemaView(string Subject, int Version, int Id, string Schema);

/// <summary>A schema as submitted: its text, its type (null means AVRO) and how many references it has.</summary>
public sealed record SchemaSubmission(string Schema, string? SchemaType = null, int ReferenceCount = 0);

/// <summary>
/// The registry's rules over an <see cref="ISchemaRegistryStore"/>: Avro only, global ids by
/// canonical form, idempotent registration, compatibility enforced per subject level
/// (subject level, else global level, else BACKWARD). Failures are <see cref="SchemaRegistryError"/>s.
/// </summary>
public sealed class SchemaRegistryService(ISchemaRegistryStore store, ILogger<SchemaRegistryService> logger)
{
    private readonly Lock _writeGate = new();

    public int Register(string subject, SchemaSubmission submission)
    {
        var (parsed, canonical) = Parse(submission);
        lock (_writeGate)
        {
            var live = store.GetVersions(subject, includeDeleted: false);
            foreach (var version in live)
            {
                if (Canonical(version.SchemaId) == canonical) return version.SchemaId;
            }
            var level = EffectiveLevel(subject);
            var result = AvroCompatibility.Check(parsed, live.Select(v => SchemaOf(v.SchemaId)).ToList(), level);
            if (!result.IsCompatible)
            {
                logger.LogWarning("Refused schema for subject {Subject} under {Level}: {Messages}", subject, level.ToWireName(), result.Messages);
                throw SchemaRegistryError.Incompatible(subject, result.Messages);
            }
            var id = store.GetOrAddSchema(canonical, submission.Schema);
            var added = store.AddVersion(subject, id);
            logger.LogInformation("Registered schema id {Id} as version {Version} of subject {Subject}", id, added.Version, subject);
            return id;
        }
    }

    public RegisteredSchemaView Lookup(string subject, SchemaSubmission submission, bool includeDeleted)
    {
        var (_, canonical) = Parse(submission);
        var versions = store.GetVersions(subject, includeDeleted);
        if (versions.Count == 0) throw SchemaRegistryError.SubjectNotFound(subject);
        var match = versions.LastOrDefault(v => Canonical(v.SchemaId) == canonical) ?? throw SchemaRegistryError.SchemaNotFound();
        return View(match);
    }

    public string GetSchemaText(int id) => store.GetSchemaText(id) ?? throw SchemaRegistryError.SchemaNotFound($"Schema {id} not found");

    public IReadOnlyList<SubjectVersion> GetSubjectVersionsOfSchema(int id, bool includeDeleted)
    {
        GetSchemaText(id);
        return store.GetVersionsOfSchema(id, includeDeleted);
    }

    public IReadOnlyList<string> GetSubjects(bool includeDeleted) => store.GetSubjects(includeDeleted);

    public IReadOnlyList<int> GetVersionNumbers(string subject, bool includeDeleted)
    {
        var versions = store.GetVersions(subject, includeDeleted);
        return versions.Count == 0 ? throw SchemaRegistryError.SubjectNotFound(subject) : versions.Select(v => v.Version).ToList();
    }

    public RegisteredSchemaView GetVersion(string subject, string version, bool includeDeleted) =>
        View(FindVersion(subject, version, includeDeleted));

    /// <summary>
    /// Tests a schema against one version (or "latest", which follows the subject's level, transitive
    /// levels included) without registering it. A subject with no versions accepts anything at "latest".
    /// </summary>
    public CompatibilityResult TestCompatibility(string subject, string version, SchemaSubmission submission)
    {
        var (parsed, _) = Parse(submission);
        var level = EffectiveLevel(subject);
        if (IsLatest(version))
        {
            var live = store.GetVersions(subject, includeDeleted: false);
            return AvroCompatibility.Check(parsed, live.Select(v => SchemaOf(v.SchemaId)).ToList(), level);
        }
        var target = FindVersion(subject, version, includeDeleted: false);
        return AvroCompatibility.Check(parsed, [SchemaOf(target.SchemaId)], NonTransitive(level));
    }

    /// <summary>The level set for <paramref name="subject"/> (or the global one for null).</summary>
    public CompatibilityLevel GetLevel(string? subject, bool defaultToGlobal)
    {
        var text = store.GetCompatibility(subject);
        if (text is not null) return CompatibilityLevels.Parse(text);
        if (subject is not null && !defaultToGlobal) throw SchemaRegistryError.SubjectLevelConfigNotFound(subject);
        return GlobalLevel();
    }

    public CompatibilityLevel SetLevel(string? subject, string? levelText)
    {
        if (!CompatibilityLevels.TryParse(levelText, out var level)) throw SchemaRegistryError.InvalidCompatibilityLevel(levelText);
        store.SetCompatibility(subject, level.ToWireName());
        logger.LogInformation("Compatibility of {Scope} set to {Level}", subject ?? "(global)", level.ToWireName());
        return level;
    }

    /// <summary>Removes a subject's own level; returns the level it had.</summary>
    public CompatibilityLevel ClearLevel(string subject)
    {
        var previous = GetLevel(subject, defaultToGlobal: false);
        store.SetCompatibility(subject, null);
        return previous;
    }

    public IReadOnlyList<int> DeleteSubject(string subject, bool permanent)
    {
        var all = store.GetVersions(subject, includeDeleted: true);
        if (all.Count == 0) throw SchemaRegistryError.SubjectNotFound(subject);
        if (permanent && all.Any(v => !v.Deleted)) throw SchemaRegistryError.SubjectNotSoftDeleted(subject);
        if (!permanent && all.All(v => v.Deleted)) throw SchemaRegistryError.SubjectNotFound(subject);
        var deleted = store.DeleteSubject(subject, permanent);
        logger.LogInformation("Deleted subject {Subject} ({Kind}): versions {Versions}", subject, permanent ? "permanent" : "soft", deleted);
        return deleted;
    }

    /// <summary>The registry's identity for a schema text: Avro's own re-serialisation of the parsed schema.</summary>
    public static string Canonicalize(string schemaText) => Schema.Parse(schemaText).ToString();

    private CompatibilityLevel EffectiveLevel(string subject) => GetLevel(subject, defaultToGlobal: true);

    private CompatibilityLevel GlobalLevel() =>
        store.GetCompatibility(null) is { } text ? CompatibilityLevels.Parse(text) : CompatibilityLevels.Default;

    private static CompatibilityLevel NonTransitive(CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.BackwardTransitive => CompatibilityLevel.Backward,
        CompatibilityLevel.ForwardTransitive => CompatibilityLevel.Forward,
        CompatibilityLevel.FullTransitive => CompatibilityLevel.Full,
        _ => level,
    };

    private SubjectVersion FindVersion(string subject, string version, bool includeDeleted)
    {
        var isLatest = IsLatest(version);
        if (!isLatest && (!int.TryParse(version, out var number) || number < 1)) throw SchemaRegistryError.InvalidVersion(version);
        var versions = store.GetVersions(subject, includeDeleted);
        if (versions.Count == 0) throw SchemaRegistryError.SubjectNotFound(subject);
        return isLatest
            ? versions[^1]
            : versions.FirstOrDefault(v => v.Version == int.Parse(version)) ?? throw SchemaRegistryError.VersionNotFound(subject, version);
    }

    private static bool IsLatest(string version) => version is "latest" or "-1";

    private RegisteredSchemaView View(SubjectVersion version) =>
        new(version.Subject, version.Version, version.SchemaId, GetSchemaText(version.SchemaId));

    private Schema SchemaOf(int id) => Schema.Parse(GetSchemaText(id));

    private string Canonical(int id) => Canonicalize(GetSchemaText(id));

    private static (Schema Parsed, string Canonical) Parse(SchemaSubmission submission)
    {
        if (submission.SchemaType is { } type && !type.Equals("AVRO", StringComparison.OrdinalIgnoreCase))
            throw SchemaRegistryError.InvalidSchema($"Invalid schema: schema type {type} is not supported; the embedded registry accepts AVRO only");
        if (submission.ReferenceCount > 0)
            throw SchemaRegistryError.InvalidSchema("Invalid schema: schema references are not supported by the embedded registry");
        if (string.IsNullOrWhiteSpace(submission.Schema)) throw SchemaRegistryError.InvalidSchema("Invalid schema: empty schema");
        try
        {
            var parsed = Schema.Parse(submission.Schema);
            return (parsed, parsed.ToString());
        }
        catch (Exception e) when (e is SchemaParseException or AvroException or Newtonsoft.Json.JsonException)
        {
            throw SchemaRegistryError.InvalidSchema($"Invalid schema: {e.Message}");
        }
    }
}
