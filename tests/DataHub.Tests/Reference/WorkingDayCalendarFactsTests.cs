using DataHub.Schemas.Reference;

namespace DataHub.Tests.Reference;

/// <summary>
/// Dates checked by hand against node_modules/chinese-days/dist/chinese-days.json (v1.5.7), not against
/// the generated CSV: the holiday 2024-10-01..07 and the swapped workdays 2024-09-29 (Sun), 2024-10-12 (Sat),
/// 2025-01-26 (Sun) and 2025-02-08 (Sat).
/// </summary>
public class WorkingDayCalendarFactsTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Default;

    [Theory]
    [InlineData("2024-10-01", "国庆节")]
    [InlineData("2024-10-07", "国庆节")]
    [InlineData("2025-01-28", "春节")]
    [InlineData("2025-02-04", "春节")]
    public void Statutory_holidays_are_days_off(string date, string name)
    {
        var d = DateOnly.Parse(date);
        Assert.False(Calendar.IsWorkingDay(d));
        Assert.Equal(new CalendarDay(d, CalendarDayKind.Holiday, name), Calendar.Find(d));
    }

    [Theory]
    [InlineData("2024-09-29", DayOfWeek.Sunday, "国庆节")]
    [InlineData("2024-10-12", DayOfWeek.Saturday, "国庆节")]
    [InlineData("2025-01-26", DayOfWeek.Sunday, "春节")]
    [InlineData("2025-02-08", DayOfWeek.Saturday, "春节")]
    public void Swapped_weekend_days_are_working_days(string date, DayOfWeek weekday, string name)
    {
        var d = DateOnly.Parse(date);
        Assert.Equal(weekday, d.DayOfWeek);
        Assert.True(Calendar.IsWorkingDay(d));
        Assert.Equal(CalendarDayKind.Workday, Calendar.Find(d)?.Kind);
        Assert.Equal(name, Calendar.Find(d)?.Name);
    }

    [Fact]
    public void Ordinary_days_follow_the_week()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2024, 10, 9)));   // Wednesday
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2024, 10, 19))); // Saturday
        Assert.Null(Calendar.Find(new DateOnly(2024, 10, 9)));
    }

    [Theory]
    [InlineData("2024-09-30", 1, "2024-10-08")]  // Monday before the holiday: next working day is after the week off
    [InlineData("2024-09-27", 1, "2024-09-29")]  // Friday: the swapped Sunday comes first
    [InlineData("2024-09-27", 3, "2024-10-08")]
    [InlineData("2024-09-30", 5, "2024-10-12")]  // the swapped Saturday counts
    [InlineData("2024-09-30", 15, "2024-10-25")] // a 15-working-day transfer deadline across National Day
    [InlineData("2024-10-03", 0, "2024-10-03")]  // zero days: the start itself, even on a holiday
    [InlineData("2024-10-08", -1, "2024-09-30")] // counting back skips the holiday week
    public void AddWorkingDays_across_national_day(string start, int n, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Calendar.AddWorkingDays(DateOnly.Parse(start), n));

    [Fact]
    public void Start_date_does_not_count()
    {
        var monday = new DateOnly(2024, 10, 14);
        Assert.True(Calendar.IsWorkingDay(monday));
        Assert.Equal(new DateOnly(2024, 10, 15), Calendar.AddWorkingDays(monday, 1));
        Assert.Equal(0, Calendar.WorkingDaysBetween(monday, monday));
        Assert.Equal(1, Calendar.WorkingDaysBetween(monday, monday.AddDays(1)));
    }

    [Fact]
    public void WorkingDaysBetween_counts_the_national_day_weeks()
    {
        // 2024-09-28 (Sat) .. 2024-10-13 (Sun), start excluded: 09-29, 09-30, 10-08..10-11, 10-12 = 7.
        Assert.Equal(7, Calendar.WorkingDaysBetween(new DateOnly(2024, 9, 28), new DateOnly(2024, 10, 13)));
        Assert.Equal(-7, Calendar.WorkingDaysBetween(new DateOnly(2024, 10, 14), new DateOnly(2024, 9, 29)));
    }
}
