using System.Buffers.Binary;
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
        var slot = Hash(utf8) & (Slots - 1);
        if (_keys[slot] is { } key && utf8.SequenceEqual(key)) return _values[slot];
        var value = utf8Encoding.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }

    /// <summary>
    /// A cheap hash over the length and up to three 8-byte words (start, middle, end): enough to spread codes,
    /// names and dates over the slots; a collision only costs a decode, never a wrong string.
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> s)
    {
        var h = (ulong)s.Length * 0x9E3779B97F4A7C15UL;
        if (s.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(s)) * 0xBF58476D1CE4E5B9UL;
            if (s.Length >= 24) h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(s.Length / 2 - 4, 8))) * 0x94D049BB133111EBUL;
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(s[^8..])) * 0xBF58476D1CE4E5B9UL;
        }
        else
        {
            foreach (var b in s) h = (h ^ b) * 0x100000001B3UL;
        }
        return (int)(h ^ (h >> 31));
    }
}
