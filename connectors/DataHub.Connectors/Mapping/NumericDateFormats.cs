namespace DataHub.Connectors.Mapping;

/// <summary>
/// The numeric date layouts <c>yyyyMMdd</c> and <c>yyyy?MM?dd</c> (any one-character separator) among a field's
/// date formats, parsed by hand. Hand-written because DateOnly.TryParseExact over a list of formats cost more
/// than the rest of a row's mapping in the ingest benchmark; any other format (or text that does not fit one of
/// these layouts) still goes through TryParseExact, so the accepted dates are the same.
/// </summary>
internal sealed class NumericDateFormats
{
    private readonly bool _compact;
    private readonly string _separators;

    public NumericDateFormats(IEnumerable<string> formats)
    {
        var list = formats.ToList();
        _compact = list.Contains("yyyyMMdd");
        _separators = new string(list.Where(f => f.Length == 10 && f.StartsWith("yyyy") && f[5..7] == "MM" && f[8..] == "dd" && f[4] == f[7])
            .Select(f => f[4]).ToArray());
    }

    /// <summary>True with the date when <paramref name="text"/> is one of the numeric layouts and a real date.</summary>
    public bool TryParse(string text, out DateOnly date)
    {
        date = default;
        if (text.Length == 8 && _compact)
            return TryDigits(text, 0, 4, out var y) && TryDigits(text, 4, 2, out var m) && TryDigits(text, 6, 2, out var d) && TryDate(y, m, d, out date);
        if (text.Length == 10 && text[4] == text[7] && _separators.Contains(text[4]))
            return TryDigits(text, 0, 4, out var y) && TryDigits(text, 5, 2, out var m) && TryDigits(text, 8, 2, out var d) && TryDate(y, m, d, out date);
        return false;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }
        return true;
    }

    private static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year < 1 || (uint)(month - 1) > 11 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }
}
