using System.Text;
using System.Text.Unicode;

namespace DataHub.Connectors.Sources;

/// <summary>
/// Chooses the text encoding of a department file: a byte-order mark wins; otherwise a file that is
/// valid UTF-8 throughout is UTF-8, and anything else is read as GB18030 (the national standard
/// superset of GBK/GB2312 that Chinese government systems export).
/// </summary>
public static class TextEncodingDetector
{
    static TextEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    /// <summary>Resolves a feed's declared encoding ("auto", "utf-8", "gb18030", or any .NET name).</summary>
    public static Encoding Resolve(string declared, Stream seekable)
    {
        switch (declared.Trim().ToLowerInvariant())
        {
            case "" or "auto":
                return Detect(seekable);
            case "utf-8" or "utf8":
                return StrictUtf8;
            case "gb18030" or "gbk" or "gb2312":
                return Gb18030;
            default:
                return Encoding.GetEncoding(declared);
        }
    }

    /// <summary>Whether <see cref="Resolve"/> knows the declared encoding name (checked with the definition, before any file is read).</summary>
    public static bool IsKnown(string declared)
    {
        if (declared.Trim().ToLowerInvariant() is "" or "auto" or "utf-8" or "utf8" or "gb18030" or "gbk" or "gb2312") return true;
        try { Encoding.GetEncoding(declared); return true; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>UTF-8 that throws on invalid bytes instead of inventing replacement characters.</summary>
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Detect(Stream stream)
    {
        var start = stream.Position;
        try
        {
            Span<byte> bom = stackalloc byte[3];
            var n = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
            if (n >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) return StrictUtf8;
            if (n >= 2 && bom[0] == 0xFF && bom[1] == 0xFE) return Encoding.Unicode;
            if (n >= 2 && bom[0] == 0xFE && bom[1] == 0xFF) return Encoding.BigEndianUnicode;
            stream.Position = start;
            return IsUtf8Throughout(stream) ? StrictUtf8 : Gb18030;
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static bool IsUtf8Throughout(Stream stream)
    {
        var buffer = new byte[1 << 20];
        var chars = new char[buffer.Length];
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var length = carry + read;
            var span = buffer.AsSpan(0, length);
            var status = Utf8.ToUtf16(span, chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: false);
            if (status == System.Buffers.OperationStatus.InvalidData) return false;
            carry = length - consumed;
            span[consumed..].CopyTo(buffer);
        }
        return carry == 0;
    }
}
