using System.Text.RegularExpressions;
using DataHub.Schemas.Codes;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Connectors.Validation;

/// <summary>
/// A rule one field's value must pass. Rules may also normalise the value (residentId upgrades a
/// 15-digit ID and upper-cases the check character). Parsed from the feed definition's words:
/// required, residentId, division, creditCode, code:KEY, pastDate, notBefore:FIELD, pattern:REGEX, oneOf:A|B|C.
/// </summary>
public abstract class FieldRule
{
    public abstract string Name { get; }

    /// <summary>Whether values checked by this rule are personal data (masked in dead letters and logs).</summary>
    public virtual bool IsPersonal => false;

    /// <summary>Checks a non-empty value; returns the error, or null and the (possibly normalised) value.</summary>
    public abstract string? Check(ref string value);

    public static readonly IReadOnlyList<string> Known =
        ["required", "residentId", "division", "creditCode", "code:STANDARD", "pastDate", "notBefore:FIELD", "pattern:REGEX", "oneOf:A|B|C"];

    /// <summary>
    /// Parses a rule word; returns null with an error message when the word is unknown.
    /// <paramref name="codeTables"/> gives <c>code:</c> rules the loaded tables to check existence against.
    /// </summary>
    public static FieldRule? Parse(string word, out string? error, CodeTableRegistry? codeTables = null)
    {
        error = null;
        var colon = word.IndexOf(':');
        var name = colon < 0 ? word.Trim() : word[..colon].Trim();
        var argument = colon < 0 ? null : word[(colon + 1)..];
        switch (name)
        {
            case "required": return RequiredRule.Instance;
            case "residentId": return new ResidentIdRule(DivisionTable.Default);
            case "division": return new DivisionRule(DivisionTable.Default);
            case "creditCode": return new CreditCodeRule(DivisionTable.Default);
            case "code" when !string.IsNullOrEmpty(argument):
                if (CodingStandards.TryGet(argument.Trim(), out var standard))
                    return new CodeRule(new CodeValidator(standard, DivisionTable.Default), codeTables);
                error = $"unknown coding standard '{argument}' in rule '{word}' (known: {string.Join(", ", CodingStandards.All.Select(s => s.Key))})";
                return null;
            case "pastDate": return PastDateRule.Instance;
            case "notBefore" when !string.IsNullOrEmpty(argument): return new NotBeforeRule(argument.Trim());
            case "pattern" when !string.IsNullOrEmpty(argument):
                try { return new PatternRule(argument); }
                catch (ArgumentException e) { error = $"pattern '{argument}' is not a valid regular expression: {e.Message}"; return null; }
            case "oneOf" when !string.IsNullOrEmpty(argument):
                return new OneOfRule(argument.Split('|'));
            default:
                error = $"unknown rule '{word}' (known: {string.Join(", ", Known)})";
                return null;
        }
    }
}

/// <summary>The value must be present. (Checked by the mapper before other rules, which skip empty values.)</summary>
public sealed class RequiredRule : FieldRule
{
    public static readonly RequiredRule Instance = new();
    public override string Name => "required";
    public override string? Check(ref string value) => null;
}

public sealed class ResidentIdRule(DivisionTable divisions) : FieldRule
{
    public override string Name => "residentId";
    public override bool IsPersonal => true;

    public override string? Check(ref string value)
    {
        // The common case, an 18-character ID already in normal form, passes through the allocation-free
        // fast path and keeps its string; anything else (15 digits, a lowercase x, an error to explain) takes Check.
        if (value.Length == 18 && value[17] != 'x' && ResidentId.TryPack(value.AsSpan(), divisions, out _)) return null;
        var result = ResidentId.Check(value, divisions.Contains);
        if (!result.IsValid) return $"invalid resident ID: {result.Error}";
        value = result.Normalized!;
        return null;
    }
}

public sealed class DivisionRule(DivisionTable divisions) : FieldRule
{
    public override string Name => "division";
    public override string? Check(ref string value) =>
        divisions.Contains(value.AsSpan()) ? null : $"'{value}' is not a GB/T 2260 division code";
}

/// <summary>A date that is not in the future (checked after date conversion by the mapper).</summary>
public sealed class PastDateRule : FieldRule
{
    public static readonly PastDateRule Instance = new();
    public override string Name => "pastDate";
    public override string? Check(ref string value) => null;
}

public sealed class PatternRule(string pattern) : FieldRule
{
    private readonly Regex _regex = new($"^(?:{pattern})$", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100));
    public override string Name => $"pattern:{pattern}";
    public override string? Check(ref string value) =>
        _regex.IsMatch(value) ? null : $"does not match the pattern {pattern}";
}

public sealed class OneOfRule(string[] allowed) : FieldRule
{
    private readonly HashSet<string> _allowed = new(allowed, StringComparer.Ordinal);
    public override string Name => $"oneOf:{string.Join('|', allowed)}";
    public override string? Check(ref string value) =>
        _allowed.Contains(value) ? null : $"must be one of {string.Join(", ", allowed)}";
}

/// <summary>A unified social credit code (GB 32100-2015): check character and embedded division; upper-cased.</summary>
public sealed class CreditCodeRule(DivisionTable divisions) : FieldRule
{
    public override string Name => "creditCode";

    public override string? Check(ref string value)
    {
        var result = CreditCode.Check(value, divisions.Contains);
        if (!result.IsValid) return $"invalid unified social credit code: {result.Error}";
        value = result.Normalized!;
        return null;
    }
}

/// <summary>
/// A code of one of the coding standards: format and embedded division always; existence when the
/// registry holds a loaded table for the standard (looked up per check, so a table loaded later applies).
/// </summary>
public sealed class CodeRule(CodeValidator validator, CodeTableRegistry? codeTables) : FieldRule
{
    public override string Name => $"code:{validator.Standard.Key}";

    public CodingStandard Standard => validator.Standard;

    public override string? Check(ref string value)
    {
        var format = validator.Check(value);
        if (!format.IsValid) return format.Error;
        if (codeTables?.Find(validator.Standard.Key) is { } table && !table.Contains(value))
            return $"{validator.Standard.Label}: code '{value}' is not in the loaded code table ({table.Count} codes)";
        return null;
    }
}

/// <summary>A date that is not before another date field of the same record (e.g. validTo not before validFrom); checked by the mapper.</summary>
public sealed class NotBeforeRule(string otherField) : FieldRule
{
    public string OtherField { get; } = otherField;
    public override string Name => $"notBefore:{OtherField}";
    public override string? Check(ref string value) => null;
}
