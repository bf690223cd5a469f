using System.Globalization;
using DataHub.Schemas.Identity;

namespace DataHub.Reconciliation.Registries;

/// <summary>
/// The packed keys the engine joins on: resident IDs as <see cref="ResidentId.Pack"/> longs (0 = no ID),
/// birth certificate numbers (one letter and 9 digits) as letter·10⁹ + number + 1 (0 = none), and dates as
/// <see cref="DateOnly.DayNumber"/> ints.
/// </summary>
public static class Keys
{
    public const int OpenEnd = int.MaxValue;

    public static long Person(string? id18) =>
        string.IsNullOrEmpty(id18) ? 0 : ResidentId.TryPack(id18, out var key) ? key : throw new FormatException("not a valid resident ID");

    public static long Certificate(string? number)
    {
        if (string.IsNullOrEmpty(number) || number.Length != 10 || number[0] is < 'A' or > 'Z') return 0;
        return long.TryParse(number.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (number[0] - 'A') * 1_000_000_000L + n + 1 : 0;
    }

    public static string CertificateText(long key) =>
        key == 0 ? "" : $"{(char)('A' + (key - 1) / 1_000_000_000L)}{(key - 1) % 1_000_000_000L:D9}";

    public static int Day(DateOnly date) => date.DayNumber;
    public static DateOnly Date(int day) => DateOnly.FromDayNumber(day);

    /// <summary>YYYYMM as an int, e.g. 202611.</summary>
    public static int Month(DateOnly date) => date.Year * 100 + date.Month;
    public static int Month(int day) => Month(Date(day));

    public static int AddMonths(int yyyymm, int months)
    {
        var index = yyyymm / 100 * 12 + yyyymm % 100 - 1 + months;
        return index / 12 * 100 + index % 12 + 1;
    }

    public static string DateText(int day) => day == OpenEnd ? "open" : Date(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
