using DataHub.Connectors.Validation;
using DataHub.Schemas.Privacy;

namespace DataHub.Connectors.Mapping;

/// <summary>How one target field is filled from a source row, compiled once per source.</summary>
internal sealed class FieldPlan
{
    public required string Field { get; init; }
    public required int Position { get; init; }
    /// <summary>Source column index, or -1 when the field is a constant or absent.</summary>
    public required int Column { get; init; }
    /// <summary>Source column read when <see cref="Column"/> is empty, or -1.</summary>
    public int Fallback { get; init; } = -1;
    public string? Constant { get; init; }
    public required bool Trim { get; init; }
    public required bool Upper { get; init; }
    public IReadOnlyDictionary<string, string>? Map { get; init; }
    public required bool Required { get; init; }
    public required IReadOnlyList<FieldRule> Rules { get; init; }
    public required ValueConverter Converter { get; init; }
    public required bool Personal { get; init; }
    public required bool PastDate { get; init; }
    public object? Default { get; init; }

    public string? Mask(string? value) =>
        value is null || !Personal ? value
        : Rules.Any(r => r is ResidentIdRule) ? PersonalDataMask.ResidentId(value)
        : Field.EndsWith("name", StringComparison.OrdinalIgnoreCase) ? PersonalDataMask.Name(value)
        : PersonalDataMask.Other(value);
}
