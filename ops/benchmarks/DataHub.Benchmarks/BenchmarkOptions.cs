using System.Globalization;

namespace DataHub.Benchmarks;

/// <summary>The options after a subcommand name: <c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
internal sealed class BenchmarkOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public BenchmarkOptions(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[args[i][2..]] = hasValue ? args[++i] : null;
        }
    }

    /// <summary>A whole number such as 20000000, 20_000_000 or 20,000,000.</summary>
    public long Long(string name, long defaultValue)
    {
        if (!_values.TryGetValue(name, out var text)) return defaultValue;
        var cleaned = text?.Replace("_", "").Replace(",", "");
        return long.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
            : throw new ArgumentException($"--{name} needs a positive whole number, got '{text}'");
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    /// <summary>A comma-separated list of whole numbers, e.g. 1000000,3000000 (underscores allowed).</summary>
    public IReadOnlyList<long> Longs(string name, IReadOnlyList<long> defaultValue)
    {
        if (!_values.TryGetValue(name, out var text)) return defaultValue;
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = parts.Select(p => long.TryParse(p.Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : -1).ToList();
        return values.Count > 0 && values.All(v => v > 0) ? values
            : throw new ArgumentException($"--{name} needs positive whole numbers separated by commas, got '{text}'");
    }
}
