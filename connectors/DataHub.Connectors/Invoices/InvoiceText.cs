using System.Buffers;
using System.Collections.Concurrent;

namespace DataHub.Connectors.Invoices;

/// <summary>Character sets of the invoice layout.</summary>
internal static class InvoiceText
{
    public static readonly SearchValues<char> LettersAndDigits = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}

/// <summary>
/// ISO dates (yyyy-MM-dd) without culture machinery: the invoice path parses two per invoice. Accepts
/// exactly what DateOnly.TryParseExact(s, "yyyy-MM-dd", InvariantCulture) accepts.
/// </summary>
public static class IsoDate
{
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        return text is not null && TryParse(text.AsSpan(), out date);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}

/// <summary>
/// Values that passed a check whose verdict depends on the value alone (a code's format), so the check runs
/// once per distinct value: an invoice file repeats the same few thousand item codes and institutions.
/// Bounded: when full it starts over, so memory stays flat on any input.
/// </summary>
internal sealed class PassedValues(int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, byte> _passed = new(StringComparer.Ordinal);

    public bool Contains(string value) => _passed.ContainsKey(value);

    public void Add(string value)
    {
        if (_passed.Count >= capacity) _passed.Clear();
        _passed.TryAdd(value, 0);
    }
}

/// <summary>
/// The issuedAt instant (ISO 8601): with an offset or Z as given, without one in China time (UTC+8). The
/// common form yyyy-MM-ddTHH:mm:ss is read without culture machinery.
/// </summary>
public static class IsoInstant
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static bool TryParseUtc(string text, out DateTime utc)
    {
        utc = default;
        if (text.Length == 19 && text[10] == 'T' && text[13] == ':' && text[16] == ':' && IsoDate.TryParse(text.AsSpan(0, 10), out var day)
            && Two(text, 11, out var h) && h < 24 && Two(text, 14, out var m) && m < 60 && Two(text, 17, out var s) && s < 60)
        {
            utc = DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(h, m, s)) - ChinaOffset, DateTimeKind.Utc);
            return true;
        }
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)) return false;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 10 && text.AsSpan(10).IndexOfAny('+', '-') >= 0);
        utc = (hasOffset ? at : new DateTimeOffset(at.DateTime, ChinaOffset)).UtcDateTime;
        return true;
    }

    private static bool Two(string text, int at, out int value)
    {
        var a = text[at] - '0';
        var b = text[at + 1] - '0';
        value = a * 10 + b;
        return (uint)a <= 9 && (uint)b <= 9;
    }
}
