namespace DataHub.Schemas.Avro.Compatibility;

/// <summary>The outcome of a compatibility check: every incompatibility found, each naming where it is.</summary>
public sealed class CompatibilityResult
{
    public static readonly CompatibilityResult Compatible = new([]);

    public CompatibilityResult(IReadOnlyList<string> messages) => Messages = messages;

    public IReadOnlyList<string> Messages { get; }

    public bool IsCompatible => Messages.Count == 0;

    public override string ToString() =>
        IsCompatible ? "compatible" : "incompatible: " + string.Join("; ", Messages);
}
