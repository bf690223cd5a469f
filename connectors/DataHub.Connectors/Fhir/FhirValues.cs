using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace DataHub.Connectors.Fhir;

/// <summary>Reads the plain values DataHub needs out of FHIR elements (identifiers, names, sex, dates).</summary>
internal static partial class FhirValues
{
    public static string? IdentifierValue(IEnumerable<Identifier> identifiers, Func<string, bool> isSystem) =>
        identifiers.FirstOrDefault(i => i.System is { } s && isSystem(s) && !string.IsNullOrWhiteSpace(i.Value))?.Value?.Trim();

    /// <summary>Name as Chinese systems write it: HumanName.text, else family + given without a space.</summary>
    public static string? Name(IEnumerable<HumanName> names)
    {
        var n = names.FirstOrDefault(h => h.Use is null or HumanName.NameUse.Official) ?? names.FirstOrDefault();
        if (n is null) return null;
        if (!string.IsNullOrWhiteSpace(n.Text)) return n.Text.Trim();
        var joined = (n.Family ?? "") + string.Concat(n.Given ?? []);
        return joined.Length > 0 ? joined.Trim() : null;
    }

    /// <summary>GB/T 2261.1 sex code for FHIR gender: male 1, female 2, unknown 0, other 9.</summary>
    public static string? SexCode(AdministrativeGender? gender) => gender switch
    {
        AdministrativeGender.Male => "1",
        AdministrativeGender.Female => "2",
        AdministrativeGender.Unknown => "0",
        AdministrativeGender.Other => "9",
        _ => null,
    };

    /// <summary>A full FHIR date (YYYY-MM-DD); partial dates are not enough for a certificate.</summary>
    public static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// A FHIR dateTime with at least a full date: the date, and the instant when a time is given (a time without
    /// an offset is taken as China Standard Time, +08:00).
    /// </summary>
    public static bool TryDateTime(string? value, out DateOnly date, out DateTimeOffset? instant)
    {
        instant = null;
        if (TryDate(value, out date)) return true;
        if (value is null || !DateTimeWithTime().IsMatch(value)) return false;
        var hasOffset = value.EndsWith('Z') || OffsetSuffix().IsMatch(value);
        var text = hasOffset ? value : value + "+08:00";
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        instant = parsed;
        date = DateOnly.Parse(value.AsSpan(0, 10), CultureInfo.InvariantCulture);
        return true;
    }

    public static string? FirstCode(CodeableConcept? concept) => concept?.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code))?.Code;

    public static string? Text(CodeableConcept? concept) =>
        !string.IsNullOrWhiteSpace(concept?.Text) ? concept.Text : concept?.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Display))?.Display;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DateTimeWithTime();

    [GeneratedRegex(@"[+-]\d{2}:\d{2}$")]
    private static partial Regex OffsetSuffix();
}
