namespace DataHub.Connectors.Invoices;

/// <summary>An invoice's identity, code (8 digits) + number (10 digits), as one 18-digit number: it fits a long, so the ledger keys on numbers, not strings.</summary>
public static class InvoiceKeys
{
    private const long NumberSpan = 10_000_000_000L;

    public static bool TryPack(string code, string number, out long key)
    {
        key = 0;
        if (code.Length != 8 || number.Length != 10) return false;
        long c = 0, n = 0;
        foreach (var ch in code)
        {
            if ((uint)(ch - '0') > 9) return false;
            c = c * 10 + (ch - '0');
        }
        foreach (var ch in number)
        {
            if ((uint)(ch - '0') > 9) return false;
            n = n * 10 + (ch - '0');
        }
        key = c * NumberSpan + n;
        return true;
    }

    public static long Pack(string code, string number) =>
        TryPack(code, number, out var key) ? key : throw new FormatException($"'{code}-{number}' is not an invoice code (8 digits) and number (10 digits)");

    /// <summary>The 18 digits, as the topics key them.</summary>
    public static string Key(long key) => key.ToString("D18", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The 18 digits as ASCII bytes: the Kafka message key, without a string on the way.</summary>
    public static byte[] KeyBytes(long key)
    {
        var bytes = new byte[18];
        System.Buffers.Text.Utf8Formatter.TryFormat(key, bytes, out _, new System.Buffers.StandardFormat('D', 18));
        return bytes;
    }

    /// <summary>code-number, for people.</summary>
    public static string Text(long key) => $"{key / NumberSpan:D8}-{key % NumberSpan:D10}";
}
