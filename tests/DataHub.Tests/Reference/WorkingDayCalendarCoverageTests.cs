using DataHub.Schemas.Reference;

namespace DataHub.Tests.Reference;

public class WorkingDayCalendarCoverageTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Default;

    [Fact]
    public void Covers_every_year_chinese_days_1_5_7_has()
    {
        Assert.Equal(new YearRange(2004, 2026), Calendar.CoveredYears);
        Assert.True(Calendar.Covers(new DateOnly(2004, 1, 1)));
        Assert.True(Calendar.Covers(new DateOnly(2026, 12, 31)));
        Assert.False(Calendar.Covers(new DateOnly(2027, 1, 1)));
        Assert.False(Calendar.Covers(new DateOnly(2003, 12, 31)));
        Assert.False(Calendar.CoversRange(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 15)));
    }

    [Fact]
    public void Outside_the_covered_years_only_weekends_are_off()
    {
        var nationalDay2030 = new DateOnly(2030, 10, 1); // a Tuesday: unknown holiday, so a working day
        Assert.Equal(DayOfWeek.Tuesday, nationalDay2030.DayOfWeek);
        Assert.True(Calendar.IsWorkingDay(nationalDay2030));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2030, 10, 5)));   // Saturday
        Assert.Equal(new DateOnly(2030, 10, 7), Calendar.AddWorkingDays(new DateOnly(2030, 10, 4), 1));
    }

    [Fact]
    public void Every_year_has_its_spring_festival()
    {
        for (var year = Calendar.CoveredYears.First; year <= Calendar.CoveredYears.Last; year++)
        {
            var y = year;
            var days = Enumerable.Range(0, 366).Select(i => new DateOnly(y, 1, 1).AddDays(i)).Where(d => d.Year == y);
            Assert.Contains(days, d => Calendar.Find(d) is { Kind: CalendarDayKind.Holiday, Name: "春节" });
        }
    }

    [Theory]
    [InlineData("date,kind,name\n2024-10-01,holiday,国庆节\n2026-01-01,holiday,元旦\n", "gaps")]
    [InlineData("date,kind,name\n2024-10-01,vacation,国庆节\n", "kind")]
    [InlineData("date,kind,name\n2024-13-01,holiday,国庆节\n", "yyyy-MM-dd")]
    [InlineData("date,kind,name\n2024-10-01,holiday,国庆节\n2024-10-01,workday,国庆节\n", "twice")]
    [InlineData("day,kind\n", "header")]
    public void Parse_refuses_broken_files(string csv, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => WorkingDayCalendar.Parse(csv)).Message);
}
