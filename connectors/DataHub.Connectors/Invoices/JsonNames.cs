using System.Text;
using System.Text.Json;

namespace DataHub.Connectors.Invoices;

/// <summary>
/// The property names of one kind of JSON object, matched against the reader's current property name
/// without allocating: exact UTF-8 first, starting where the previous match left off (writers emit
/// properties in a fixed order, so the first comparison usually hits), then ignoring ASCII case.
/// </summary>
internal sealed class JsonNames(params string[] names)
{
    private readonly byte[][] _utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The index of the property the reader is on, or -1 for one not in the list. <paramref name="hint"/> carries the expected next index from property to property.</summary>
    public int Match(ref Utf8JsonReader reader, ref int hint)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence) return MatchText(reader.GetString()!);
        var name = reader.ValueSpan;
        var count = _utf8.Length;
        for (var k = 0; k < count; k++)
        {
            var i = hint + k;
            if (i >= count) i -= count;
            if (!name.SequenceEqual(_utf8[i])) continue;
            hint = i + 1;
            return i;
        }
        for (var i = 0; i < count; i++)
            if (System.Text.Ascii.EqualsIgnoreCase(name, _utf8[i])) return i;
        return -1;
    }

    private int MatchText(string name)
    {
        for (var i = 0; i < _utf8.Length; i++)
            if (string.Equals(name, Encoding.UTF8.GetString(_utf8[i]), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>
/// Strings for values that repeat across invoices (item codes and names, institutions, dates), by their UTF-8
/// bytes: a direct-mapped cache, so a repeated value costs a hash and a compare instead of a decode and an
/// allocation. Bounded (a colliding value replaces the slot's). Per reader, not thread-safe.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 4096;
    private const int MaxLength = 96;
    private readonly byte[]?[] _keys = new byte[]?[Slots];
    private readonly string[] _values = new string[Slots];

    /// <summary>The reader's string value (decoded with <paramref name="utf8Encoding"/>, which decides what invalid bytes do).</summary>
    public string Get(ref Utf8JsonReader reader, Encoding utf8Encoding)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength) return reader.GetString()!;
        var utf8 = reader.ValueSpan;
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Slots - 1);
        if (_keys[slot] is { } key && utf8.SequenceEqual(key)) return _values[slot];
        var value = utf8Encoding.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }
}
