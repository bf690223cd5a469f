using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DataHub.Schemas.Codes;

/// <summary>Whether a standard defines a code table or (standard 5) a document.</summary>
public enum CodingStandardKind { CodeTable, Document }

/// <summary>Where a code embeds a GB/T 2260 division code (0-based offset).</summary>
public sealed record EmbeddedDivision(int Offset, int Length);

/// <summary>A named part of a code's layout (documentation; not checked on its own).</summary>
public sealed record CodeSegment(string Name, int Offset, int Length);

/// <summary>
/// One of the 15 medical-insurance coding standards, as defined in schemas/data/coding-standards.json.
/// Standard 1 has two code tables and so two definitions (diagnosis, operation) with <see cref="Id"/> 1.
/// </summary>
public sealed record CodingStandard
{
    /// <summary>Number of the standard in the 15-standard list (1..15).</summary>
    public required int Id { get; init; }
    /// <summary>Stable English key: file names, topic names, sample file names.</summary>
    public required string Key { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    /// <summary>The name of the whole standard when it differs from <see cref="NameZh"/> (standard 1).</summary>
    public string? StandardNameZh { get; init; }
    public required CodingStandardKind Kind { get; init; }
    /// <summary>The record field that holds the code ("code", or "listNo" for the settlement list).</summary>
    public required string CodeField { get; init; }
    /// <summary>Allowed first characters separated by '|', e.g. "X|Z"; null when not fixed.</summary>
    public string? Prefix { get; init; }
    public required int MinLength { get; init; }
    public required int MaxLength { get; init; }
    public required string Pattern { get; init; }
    public EmbeddedDivision? Division { get; init; }
    /// <summary>Whether the code table has parent codes (its schema has a parentCode field).</summary>
    public required bool Hierarchical { get; init; }
    public IReadOnlyList<CodeSegment> Segments { get; init; } = [];
    /// <summary>True where the layout is assumed, not taken from the published standard (see <see cref="Note"/>).</summary>
    public required bool Provisional { get; init; }
    public string? Note { get; init; }
    /// <summary>The Avro schema name in <see cref="Avro.SchemaCatalog"/>, e.g. "codes/drug".</summary>
    public required string Schema { get; init; }
    /// <summary>The compacted topic keyed by code, e.g. "mi.codes.drug.v1".</summary>
    public required string Topic { get; init; }

    private Regex? _regex;

    [JsonIgnore]
    public Regex Regex => _regex ??= new Regex(Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The allowed first characters, empty when any is allowed.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Prefixes => Prefix is null ? [] : Prefix.Split('|');

    /// <summary>"标准3 医保药品分类与代码 (drug)": how messages name the standard.</summary>
    public string Label => $"标准{Id} {NameZh} ({Key})";

    public override string ToString() => Label;
}
