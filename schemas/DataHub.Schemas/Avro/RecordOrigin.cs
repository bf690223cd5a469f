using System.Text;
using Avro.Generic;

namespace DataHub.Schemas.Avro;

/// <summary>Where one published record came from: its <see cref="OriginField"/>.</summary>
public sealed record RecordOrigin(string Feed, string Source, string SourceId, long Line)
{
    /// <summary>The origin of a decoded record, or null when it has none (a schema without the field, or a record from before it).</summary>
    public static RecordOrigin? Of(GenericRecord value) =>
        value.TryGetValue(OriginField.Name, out var o) && o is GenericRecord r
            ? new RecordOrigin((string)r["feed"], (string)r["source"], (string)r["sourceId"], (long)r["line"])
            : null;

    /// <summary>
    /// Reads the origin from the start of a Confluent wire-format value whose writer schema
    /// <see cref="OriginField.LeadsOff">leads off</see> with it (the caller checks the schema id): after the magic
    /// byte and schema id come the union branch and the four fields. False for a null origin or a short value.
    /// Hand-written rather than Apache.Avro's reader, which decodes whole records only: the resume scan needs just
    /// this prefix of every value, whatever the rest of its schema.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> wireValue, out RecordOrigin? origin)
    {
        origin = null;
        if (wireValue.Length < 6 || wireValue[0] != 0) return false;
        var body = wireValue[5..];
        if (!TryReadLong(ref body, out var branch) || branch != 1) return false;
        if (!TryReadString(ref body, out var feed) || !TryReadString(ref body, out var source) || !TryReadString(ref body, out var sourceId)
            || !TryReadLong(ref body, out var line)) return false;
        origin = new RecordOrigin(feed, source, sourceId, line);
        return true;
    }

    /// <summary>The schema id of a Confluent wire-format value, or -1 when it is not one.</summary>
    public static int SchemaIdOf(ReadOnlySpan<byte> wireValue) =>
        wireValue.Length >= 5 && wireValue[0] == 0 ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(wireValue[1..5]) : -1;

    private static bool TryReadLong(ref ReadOnlySpan<byte> span, out long value)
    {
        ulong n = 0;
        value = 0;
        for (int i = 0, shift = 0; i < span.Length && shift < 64; i++, shift += 7)
        {
            n |= (ulong)(span[i] & 0x7F) << shift;
            if ((span[i] & 0x80) != 0) continue;
            value = (long)(n >> 1) ^ -(long)(n & 1);
            span = span[(i + 1)..];
            return true;
        }
        return false;
    }

    private static bool TryReadString(ref ReadOnlySpan<byte> span, out string text)
    {
        text = "";
        if (!TryReadLong(ref span, out var length) || length < 0 || length > span.Length) return false;
        text = Encoding.UTF8.GetString(span[..(int)length]);
        span = span[(int)length..];
        return true;
    }
}
