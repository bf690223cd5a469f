using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataHub.Schemas.Codes;

/// <summary>The coding-standard definitions shipped in schemas/data/coding-standards.json.</summary>
public static class CodingStandards
{
    private const string DataFile = "coding-standards.json";

    private sealed record Document(IReadOnlyList<CodingStandard> Standards);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly Lazy<IReadOnlyList<CodingStandard>> Loaded = new(() => Parse(EmbeddedData.ReadText(DataFile)));

    private static readonly Lazy<FrozenDictionary<string, CodingStandard>> ByKey = new(() =>
        Loaded.Value.ToFrozenDictionary(s => s.Key, StringComparer.Ordinal));

    /// <summary>All definitions in file order (standard 1 contributes two: diagnosis and operation).</summary>
    public static IReadOnlyList<CodingStandard> All => Loaded.Value;

    /// <summary>The definition with this key, e.g. "drug"; throws when there is none.</summary>
    public static CodingStandard Get(string key) =>
        ByKey.Value.TryGetValue(key, out var s) ? s
            : throw new KeyNotFoundException($"no coding standard with key '{key}' (known: {string.Join(", ", ByKey.Value.Keys.Order())})");

    public static bool TryGet(string key, out CodingStandard standard) => ByKey.Value.TryGetValue(key, out standard!);

    /// <summary>The definitions of standard number <paramref name="id"/> (1..15).</summary>
    public static IReadOnlyList<CodingStandard> ById(int id) => All.Where(s => s.Id == id).ToList();

    /// <summary>Parses a definition file and checks it is consistent; throws <see cref="InvalidDataException"/> if not.</summary>
    public static IReadOnlyList<CodingStandard> Parse(string json)
    {
        var doc = JsonSerializer.Deserialize<Document>(json, Options)
            ?? throw new InvalidDataException($"{DataFile} is empty");
        foreach (var s in doc.Standards) Validate(s);
        var duplicate = doc.Standards.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"{DataFile}: key '{duplicate.Key}' is defined twice");
        return doc.Standards;
    }

    private static void Validate(CodingStandard s)
    {
        string? problem =
            s.Id is < 1 or > 15 ? $"id {s.Id} is not in 1..15"
            : s.MinLength < 1 || s.MaxLength < s.MinLength ? $"length {s.MinLength}..{s.MaxLength} is empty"
            : s.Division is { } d && (d.Offset < 0 || d.Length != 6 || d.Offset + d.Length > s.MinLength)
                ? $"embedded division at {d.Offset}+{d.Length} does not fit a {s.MinLength}-character code"
            : s.Topic != $"mi.codes.{s.Key}.v1" ? $"topic '{s.Topic}' should be 'mi.codes.{s.Key}.v1'"
            : null;
        if (problem is null)
        {
            try { _ = s.Regex; }
            catch (ArgumentException e) { problem = $"pattern does not compile: {e.Message}"; }
        }
        if (problem is not null) throw new InvalidDataException($"{DataFile}, {s.Label}: {problem}");
    }
}
