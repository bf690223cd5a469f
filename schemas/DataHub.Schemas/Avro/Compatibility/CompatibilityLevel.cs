namespace DataHub.Schemas.Avro.Compatibility;

/// <summary>
/// Schema-evolution rules a subject enforces, with Confluent Schema Registry's meaning:
/// BACKWARD — the new schema can read data written with the latest one; FORWARD — the latest schema
/// can read data written with the new one; FULL — both; *_TRANSITIVE — against every earlier
/// version instead of only the latest; NONE — no check.
/// </summary>
public enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}

/// <summary>The wire names of <see cref="CompatibilityLevel"/> ("BACKWARD", "FULL_TRANSITIVE", ...).</summary>
public static class CompatibilityLevels
{
    public const CompatibilityLevel Default = CompatibilityLevel.Backward;

    public static string ToWireName(this CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.None => "NONE",
        CompatibilityLevel.Backward => "BACKWARD",
        CompatibilityLevel.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityLevel.Forward => "FORWARD",
        CompatibilityLevel.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityLevel.Full => "FULL",
        CompatibilityLevel.FullTransitive => "FULL_TRANSITIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParse(string? text, out CompatibilityLevel level)
    {
        foreach (var candidate in Enum.GetValues<CompatibilityLevel>())
        {
            if (string.Equals(candidate.ToWireName(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        level = Default;
        return false;
    }

    public static CompatibilityLevel Parse(string text) =>
        TryParse(text, out var level)
            ? level
            : throw new FormatException(
                $"unknown compatibility level '{text}' (known: {string.Join(", ", Enum.GetValues<CompatibilityLevel>().Select(l => l.ToWireName()))})");

    internal static bool ChecksBackward(this CompatibilityLevel level) =>
        level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive
            or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;

    internal static bool ChecksForward(this CompatibilityLevel level) =>
        level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive
            or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;

    internal static bool IsTransitive(this CompatibilityLevel level) =>
        level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive
            or CompatibilityLevel.FullTransitive;
}
