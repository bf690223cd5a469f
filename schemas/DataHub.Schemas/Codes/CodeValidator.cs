using DataHub.Schemas.Reference;

namespace DataHub.Schemas.Codes;

/// <summary>
/// Checks codes of one standard: the format always; the embedded GB/T 2260 division when the standard
/// embeds one (against <see cref="DivisionTable"/>); existence and validity on a date when a
/// <see cref="CodeTable"/> is loaded.
/// </summary>
public sealed class CodeValidator(CodingStandard standard, DivisionTable? divisions = null, CodeTable? table = null)
{
    public CodingStandard Standard { get; } = standard;

    /// <summary>A validator for the standard with this key, using the shipped division table.</summary>
    public static CodeValidator For(string key, CodeTable? table = null) =>
        new(CodingStandards.Get(key), DivisionTable.Default, table);

    /// <summary>
    /// Checks <paramref name="code"/>: format, embedded division (when a division table was given),
    /// and, when a code table was given, that the code exists (valid on <paramref name="onDate"/> when given).
    /// </summary>
    public CodeCheck Check(string? code, DateOnly? onDate = null)
    {
        var format = CheckFormat(Standard, code);
        if (!format.IsValid) return format;
        if (divisions is not null)
        {
            var division = CheckDivision(Standard, code!, divisions);
            if (!division.IsValid) return division;
        }
        if (table is null) return CodeCheck.Valid;
        if (!table.Contains(code!)) return CodeCheck.Fail($"{Standard.Label}: code '{code}' is not in the loaded code table");
        if (onDate is { } day && !table.Contains(code!, day))
            return CodeCheck.Fail($"{Standard.Label}: code '{code}' is not valid on {day:yyyy-MM-dd}");
        return CodeCheck.Valid;
    }

    /// <summary>The format check alone: length, first character, pattern. The message names the standard and the fault.</summary>
    public static CodeCheck CheckFormat(CodingStandard standard, string? code)
    {
        if (string.IsNullOrEmpty(code)) return CodeCheck.Fail($"{standard.Label}: code is empty");
        if (code.Length < standard.MinLength || code.Length > standard.MaxLength)
        {
            var expected = standard.MinLength == standard.MaxLength ? $"{standard.MinLength}" : $"{standard.MinLength}-{standard.MaxLength}";
            return CodeCheck.Fail($"{standard.Label}: code '{code}' has {code.Length} characters, expected {expected}");
        }
        var prefixes = standard.Prefixes;
        if (prefixes.Count > 0 && !prefixes.Any(p => code.StartsWith(p, StringComparison.Ordinal)))
            return CodeCheck.Fail($"{standard.Label}: code '{code}' must start with {string.Join(" or ", prefixes)}");
        if (!standard.Regex.IsMatch(code))
            return CodeCheck.Fail($"{standard.Label}: code '{code}' does not match the layout {standard.Pattern}");
        return CodeCheck.Valid;
    }

    /// <summary>The embedded-division check alone (valid when the standard embeds none).</summary>
    public static CodeCheck CheckDivision(CodingStandard standard, string code, DivisionTable divisions)
    {
        if (standard.Division is not { } at) return CodeCheck.Valid;
        if (code.Length < at.Offset + at.Length)
            return CodeCheck.Fail($"{standard.Label}: code '{code}' is too short to hold a division code at {at.Offset + 1}-{at.Offset + at.Length}");
        var division = code.Substring(at.Offset, at.Length);
        return divisions.Contains(division) ? CodeCheck.Valid
            : CodeCheck.Fail($"{standard.Label}: code '{code}' embeds {division} (characters {at.Offset + 1}-{at.Offset + at.Length}), which is not a GB/T 2260 division");
    }
}
