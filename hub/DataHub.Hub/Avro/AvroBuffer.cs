using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using DataHub.Schemas.Text;

namespace DataHub.Hub.Avro;

/// <summary>A growable byte buffer with the Avro binary primitives (zig-zag varints, length-prefixed bytes, little-endian floats).</summary>
public sealed class AvroBuffer(int capacity = 512, bool cacheText = false)
{
    private const int TextCacheSlots = 1024;
    private byte[] _bytes = new byte[capacity];
    private readonly (string? Text, byte[]? Utf8)[]? _textCache = cacheText ? new (string?, byte[]?)[TextCacheSlots] : null;

    public int Length { get; private set; }

    public void Reset() => Length = 0;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();

    public Span<byte> Reserve(int size)
    {
        if (Length + size > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + size));
        return _bytes.AsSpan(Length, size);
    }

    public void Advance(int count) => Length += count;

    public void WriteByte(byte b)
    {
        Reserve(1)[0] = b;
        Length++;
    }

    public void WriteLong(long value)
    {
        var n = (ulong)((value << 1) ^ (value >> 63));
        var span = Reserve(10);
        var i = 0;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }
        span[i++] = (byte)n;
        Length += i;
    }

    public void WriteInt(int value) => WriteLong(value);

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
        Length += 4;
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
        Length += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteLong(bytes.Length);
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>UTF-8 with replacement of lone surrogates, as Apache.Avro's encoder (Encoding.UTF8) writes strings.</summary>
    public void WriteString(string value)
    {
        // ASCII (codes, numbers, dates: most strings) is its own UTF-8: one vectorised pass, no byte count.
        if (Ascii.IsValid(value))
        {
            WriteLong(value.Length);
            Ascii.FromUtf16(value, Reserve(value.Length), out _);
            Length += value.Length;
            return;
        }
        if (_textCache is not null)
        {
            WriteBytes(CachedUtf8(value));
            return;
        }
        var size = Encoding.UTF8.GetByteCount(value);
        WriteLong(size);
        Encoding.UTF8.GetBytes(value, Reserve(size));
        Length += size;
    }

    /// <summary>
    /// The UTF-8 of a non-ASCII string instance seen before (a direct-mapped cache keyed by the instance, so a
    /// repeated item name costs a copy instead of an encoding). Pays off when the values come from a cache of
    /// their own, as the invoice reader's item names do.
    /// </summary>
    private byte[] CachedUtf8(string value)
    {
        var slot = RuntimeHelpers.GetHashCode(value) & (TextCacheSlots - 1);
        ref var entry = ref _textCache![slot];
        if (ReferenceEquals(entry.Text, value)) return entry.Utf8!;
        entry = (value, Encoding.UTF8.GetBytes(value));
        return entry.Utf8!;
    }

    /// <summary>A decimal's unscaled value as big-endian two's complement, the bytes Apache.Avro writes for the decimal logical type.</summary>
    public void WriteBigInteger(BigInteger value)
    {
        var size = value.GetByteCount();
        WriteLong(size);
        value.TryWriteBytes(Reserve(size), out var written, isUnsigned: false, isBigEndian: true);
        Length += written;
    }

    /// <summary>
    /// A System.Decimal as the decimal logical type of the given scale: the unscaled value's minimal big-endian
    /// two's complement, the same bytes as <see cref="WriteBigInteger"/> of it (without a BigInteger when it fits a long).
    /// Throws when the value has more decimal places than the scale (Avro cannot hold it exactly).
    /// </summary>
    public void WriteDecimal(decimal value, int scale)
    {
        if (FixedPoint.TryUnscaled(value, scale, out var unscaled))
        {
            WriteSignedBigEndian(unscaled);
            return;
        }
        var scaled = value * Powers[scale];
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} has more than {scale} decimal places, the scale of its Avro decimal");
        WriteBigInteger(new BigInteger(scaled));
    }

    private static readonly decimal[] Powers = [.. Enumerable.Range(0, 29).Select(p => (decimal)BigInteger.Pow(10, p))];

    private void WriteSignedBigEndian(long value)
    {
        // Bytes needed: 8 minus the redundant sign bytes (a byte all copies of the sign bit above the next byte's top bit).
        var size = 8;
        while (size > 1 && (value >> ((size - 1) * 8 - 1)) is 0 or -1) size--;
        WriteLong(size);
        var span = Reserve(size);
        for (var i = 0; i < size; i++) span[i] = (byte)(value >> ((size - 1 - i) * 8));
        Length += size;
    }

    /// <summary>The Confluent wire-format header: magic byte 0 and the schema id, big-endian.</summary>
    public void WriteConfluentHeader(int schemaId)
    {
        var span = Reserve(5);
        span[0] = 0;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], schemaId);
        Length += 5;
    }
}
