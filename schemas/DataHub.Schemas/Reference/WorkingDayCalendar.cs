using System.Collections.Frozen;
using System.Globalization;

namespace DataHub.Schemas.Reference;

/// <summary>How the official calendar marks a date: a statutory day off, or a swapped weekend working day (调休上班).</summary>
public enum CalendarDayKind { Holiday, Workday }

/// <summary>One date the official calendar marks, with the holiday it belongs to (e.g. 国庆节).</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>The years (inclusive) for which the calendar carries the official holidays and swapped workdays.</summary>
public readonly record struct YearRange(int First, int Last)
{
    public bool Contains(int year) => year >= First && year <= Last;

    public override string ToString() => $"{First}–{Last}";
}

/// <summary>
/// The official Chinese working-day calendar (statutory holidays and 调休 swapped workdays), read from the
/// shipped file <c>schemas/data/cn-workdays.csv</c> that ops/refdata/generate builds from npm `chinese-days`.
/// <para>
/// A date is a working day when it is Monday–Friday and not a holiday, or when it is a swapped workday.
/// Dates in years outside <see cref="CoveredYears"/> fall back to plain weekdays (Monday–Friday) because
/// their holidays are unknown; callers that compute deadlines there should check <see cref="Covers(DateOnly)"/>
/// or <see cref="CoversRange"/> and warn.
/// </para>
/// <para>
/// Counting convention (used by both <see cref="AddWorkingDays"/> and <see cref="WorkingDaysBetween"/>): the
/// start date never counts. For a deadline of 15 working days from an event on date d, day 1 is the first
/// working day after d and the deadline is <c>AddWorkingDays(d, 15)</c>.
/// </para>
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenDictionary<DateOnly, CalendarDay> _marked;

    private WorkingDayCalendar(IReadOnlyCollection<CalendarDay> days, YearRange covered)
    {
        _marked = days.ToFrozenDictionary(d => d.Date);
        CoveredYears = covered;
    }

    private static readonly Lazy<WorkingDayCalendar> Shipped = new(() => Parse(EmbeddedData.ReadText("cn-workdays.csv")));

    /// <summary>The calendar shipped with DataHub.</summary>
    public static WorkingDayCalendar Default => Shipped.Value;

    /// <summary>The years with official data; outside them only weekends are days off.</summary>
    public YearRange CoveredYears { get; }

    /// <summary>Number of marked dates (holidays plus swapped workdays).</summary>
    public int Count => _marked.Count;

    /// <summary>Whether <paramref name="date"/> lies in a year with official holiday data.</summary>
    public bool Covers(DateOnly date) => CoveredYears.Contains(date.Year);

    /// <summary>Whether every date from <paramref name="from"/> to <paramref name="to"/> (either order) has official data.</summary>
    public bool CoversRange(DateOnly from, DateOnly to) => Covers(from) && Covers(to);

    /// <summary>The holiday or swapped workday marked on <paramref name="date"/>, or null for an ordinary day.</summary>
    public CalendarDay? Find(DateOnly date) => _marked.GetValueOrDefault(date);

    /// <summary>Monday–Friday and not a holiday, or a swapped weekend workday.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_marked.TryGetValue(date, out var day)) return day.Kind == CalendarDayKind.Workday;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The date <paramref name="n"/> working days after <paramref name="start"/>; the start itself never counts
    /// (n = 1 is the first working day after start). n = 0 returns start unchanged; a negative n counts back
    /// (n = -1 is the last working day before start). The result is always a working day when n ≠ 0.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        var step = Math.Sign(n);
        var date = start;
        for (var left = Math.Abs(n); left > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }

    /// <summary>
    /// Working days from <paramref name="from"/> to <paramref name="to"/>, counted like <see cref="AddWorkingDays"/>:
    /// for from ≤ to, the working days d with from &lt; d ≤ to; for to &lt; from, minus the working days d with
    /// to ≤ d &lt; from. So <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c> for every n.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -CountWorkingDays(to, from.AddDays(-1));
        return CountWorkingDays(from.AddDays(1), to);
    }

    private int CountWorkingDays(DateOnly first, DateOnly last)
    {
        var count = 0;
        for (var d = first; d <= last; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }

    /// <summary>
    /// Parses the shipped layout <c>date,kind,name</c> (kind = holiday | workday). The covered years are those
    /// present in the file, which must be contiguous (a missing year would silently lose its holidays).
    /// </summary>
    public static WorkingDayCalendar Parse(string csv)
    {
        var days = new List<CalendarDay>();
        using var reader = new StringReader(csv);
        var header = reader.ReadLine();
        if (header != "date,kind,name") throw new FormatException($"working-day calendar: unexpected header '{header}'");
        var lineNo = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNo++;
            if (line.Length == 0) continue;
            var f = line.Split(',', 3);
            if (f.Length != 3) throw new FormatException($"working-day calendar line {lineNo}: expected date,kind,name");
            if (!DateOnly.TryParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException($"working-day calendar line {lineNo}: '{f[0]}' is not a yyyy-MM-dd date");
            var kind = f[1] switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.Workday,
                _ => throw new FormatException($"working-day calendar line {lineNo}: kind '{f[1]}' is not holiday or workday"),
            };
            days.Add(new CalendarDay(date, kind, f[2].Trim('"')));
        }
        if (days.Count == 0) throw new FormatException("working-day calendar has no dates");
        var duplicate = days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new FormatException($"working-day calendar lists {duplicate.Key:yyyy-MM-dd} twice");

        var years = days.Select(d => d.Date.Year).Distinct().Order().ToArray();
        var covered = new YearRange(years[0], years[^1]);
        if (years.Length != covered.Last - covered.First + 1)
            throw new FormatException($"working-day calendar years {covered} have gaps");
        return new WorkingDayCalendar(days, covered);
    }
}
