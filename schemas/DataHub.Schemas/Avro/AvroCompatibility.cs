using Avro;
using DataHub.Schemas.Avro.Compatibility;

namespace DataHub.Schemas.Avro;

/// <summary>
/// Avro schema-evolution checks with reasons. Apache.Avro for C# only offers <c>Schema.CanRead</c>,
/// a yes/no answer that names nothing and knows no compatibility levels, and it has no equivalent of
/// Java's <c>SchemaCompatibility</c>; so the resolution rules of the Avro specification are walked
/// here (<see cref="SchemaResolutionChecker"/>) to list every incompatibility with the field it is in,
/// e.g. <c>field 'cn.datahub.household.BirthRegistration.sex': type changed from string to int</c>.
/// </summary>
public static class AvroCompatibility
{
    /// <summary>Whether <paramref name="reader"/> (the new schema) can read data written with <paramref name="writer"/> (the old one).</summary>
    public static CompatibilityResult CanRead(Schema reader, Schema writer) =>
        new(SchemaResolutionChecker.Check(reader, writer, readerIsNew: true));

    /// <summary>
    /// Checks <paramref name="candidate"/> against a subject's existing schemas (oldest first) under
    /// <paramref name="level"/>: non-transitive levels compare with the latest only.
    /// </summary>
    public static CompatibilityResult Check(Schema candidate, IReadOnlyList<Schema> existingOldestFirst, CompatibilityLevel level)
    {
        if (level == CompatibilityLevel.None || existingOldestFirst.Count == 0) return CompatibilityResult.Compatible;
        var against = level.IsTransitive() ? existingOldestFirst.Reverse() : [existingOldestFirst[^1]];
        var messages = new List<string>();
        foreach (var existing in against)
        {
            if (level.ChecksBackward()) messages.AddRange(SchemaResolutionChecker.Check(candidate, existing, readerIsNew: true));
            if (level.ChecksForward()) messages.AddRange(SchemaResolutionChecker.Check(existing, candidate, readerIsNew: false));
        }
        return messages.Count == 0 ? CompatibilityResult.Compatible : new(messages.Distinct().ToList());
    }

    /// <summary>As <see cref="Check(Schema, IReadOnlyList{Schema}, CompatibilityLevel)"/>, from schema texts.</summary>
    /// <exception cref="SchemaParseException">A text is not a valid Avro schema.</exception>
    public static CompatibilityResult Check(string candidate, IReadOnlyList<string> existingOldestFirst, CompatibilityLevel level) =>
        Check(Schema.Parse(candidate), existingOldestFirst.Select(Schema.Parse).ToList(), level);
}
