namespace DataHub.Schemas.Text;

/// <summary>
/// Plain decimal numbers as integers at a fixed scale, without System.Decimal arithmetic (a multiply or a
/// round costs tens of nanoseconds, and an invoice has dozens of amounts): parsing -?digits[.digits] (up to
/// 18 digits) from UTF-8 with its scale, and a decimal's unscaled value at a given scale from its bits.
/// </summary>
public static class FixedPoint
{
    private static readonly long[] Powers = [.. Enumerable.Range(0, 19).Select(p => (long)Math.Pow(10, p))];

    /// <summary>Parses -?digits[.digits] with at most 18 digits, keeping the scale as written (21.60 has 2). Anything else (exponents, more digits) is false.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0;
        var i = 0;
        var negative = text.Length > 0 && text[0] == '-';
        if (negative) i = 1;
        long mantissa = 0;
        int digits = 0, scale = -1;
        for (; i < text.Length; i++)
        {
            var b = text[i];
            if (b == '.')
            {
                if (scale >= 0 || digits == 0) return false;
                scale = 0;
                continue;
            }
            var d = (uint)(b - '0');
            if (d > 9 || ++digits > 18) return false;
            mantissa = mantissa * 10 + d;
            if (scale >= 0) scale++;
        }
        if (digits == 0 || scale == 0) return false;
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>
    /// The value × 10^<paramref name="scale"/> as a long, when that is a whole number below 10^18 in magnitude;
    /// false when the value has more decimal places than <paramref name="scale"/> or is too large.
    /// </summary>
    public static bool TryUnscaled(decimal value, int scale, out long unscaled)
    {
        unscaled = 0;
        if ((uint)scale > 18) return false;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0 || bits[1] < 0) return false;
        var mantissa = ((long)bits[1] << 32) | (uint)bits[0];
        var own = (bits[3] >> 16) & 0xFF;
        if (own > scale)
        {
            if (own - scale > 18) return mantissa == 0;
            var divisor = Powers[own - scale];
            if (mantissa % divisor != 0) return false;
            mantissa /= divisor;
        }
        else if (own < scale)
        {
            var factor = Powers[scale - own];
            if (mantissa > long.MaxValue / factor) return false;
            mantissa *= factor;
        }
        if (mantissa >= Powers[18]) return false;
        unscaled = bits[3] < 0 ? -mantissa : mantissa;
        return true;
    }
}
