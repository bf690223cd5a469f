using System.Collections.Frozen;
using System.Globalization;
using DataHub.Schemas.Text;

namespace DataHub.Schemas.Codes;

/// <summary>One code's validity in a loaded table: from <see cref="ValidFrom"/> to <see cref="ValidTo"/> (inclusive, open when null).</summary>
public readonly record struct CodeValidity(DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool Covers(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}

/// <summary>
/// A loaded code table: the codes of one standard with their validity dates. A code may appear in
/// several rows (versions) with different periods; it exists on a day when any row covers that day.
/// </summary>
public sealed class CodeTable
{
    private readonly FrozenDictionary<string, CodeValidity[]> _codes;

    public CodeTable(string standardKey, IEnumerable<(string Code, CodeValidity Validity)> rows)
    {
        StandardKey = standardKey;
        _codes = rows.GroupBy(r => r.Code, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(r => r.Validity).ToArray(), StringComparer.Ordinal);
    }

    public string StandardKey { get; }

    public int Count => _codes.Count;

    public IEnumerable<string> Codes => _codes.Keys;

    /// <summary>Whether the code is in the table at all (any period).</summary>
    public bool Contains(string code) => _codes.ContainsKey(code);

    /// <summary>Whether the code is in the table and valid on <paramref name="onDate"/>.</summary>
    public bool Contains(string code, DateOnly onDate)
    {
        if (!_codes.TryGetValue(code, out var periods)) return false;
        // A loop, not Any(): a lambda capturing the date would allocate on every check of every item line.
        foreach (var period in periods)
            if (period.Covers(onDate)) return true;
        return false;
    }

    public IReadOnlyList<CodeValidity> ValidityOf(string code) => _codes.TryGetValue(code, out var p) ? p : [];

    /// <summary>
    /// Reads a CSV code table whose header names the record's fields: the code column
    /// (<paramref name="codeField"/>), validFrom and validTo (ISO dates yyyy-MM-dd, validTo empty when open).
    /// </summary>
    public static CodeTable ReadCsv(string standardKey, TextReader csv, string codeField = "code")
    {
        var header = csv.ReadLine() is { } h ? CsvLine.Split(h) : throw new InvalidDataException($"code table '{standardKey}' is empty");
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i
            : throw new InvalidDataException($"code table '{standardKey}' has no '{name}' column");
        int code = Column(codeField), from = Column("validFrom"), to = Column("validTo");
        var rows = new List<(string, CodeValidity)>();
        var lineNo = 1;
        for (var line = csv.ReadLine(); line is not null; line = csv.ReadLine())
        {
            lineNo++;
            if (line.Length == 0) continue;
            var f = CsvLine.Split(line);
            if (f.Count != header.Count)
                throw new InvalidDataException($"code table '{standardKey}' line {lineNo}: {f.Count} fields, header has {header.Count}");
            rows.Add((f[code], new CodeValidity(ParseDate(f[from], lineNo), f[to].Length == 0 ? null : ParseDate(f[to], lineNo))));
        }
        return new CodeTable(standardKey, rows);

        DateOnly ParseDate(string text, int at) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new InvalidDataException($"code table '{standardKey}' line {at}: '{text}' is not a yyyy-MM-dd date");
    }

    public static CodeTable ReadCsvFile(CodingStandard standard, string path)
    {
        using var reader = new StreamReader(path);
        return ReadCsv(standard.Key, reader, standard.CodeField);
    }
}
