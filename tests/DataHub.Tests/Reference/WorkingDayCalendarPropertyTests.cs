using DataHub.Schemas.Reference;
using FsCheck;
using FsCheck.Xunit;

namespace DataHub.Tests.Reference;

public class WorkingDayCalendarPropertyTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Default;
    private static readonly DateOnly Origin = new(2003, 1, 1);

    // Start dates from 2003 to 2028, so both the covered years and the weekday fallback on either side are hit.
    private static DateOnly StartFrom(NonNegativeInt offset) => Origin.AddDays(offset.Get % (26 * 366));

    [Property(MaxTest = 300)]
    public bool AddWorkingDays_lands_on_a_working_day(NonNegativeInt offset, PositiveInt n) =>
        Calendar.IsWorkingDay(Calendar.AddWorkingDays(StartFrom(offset), n.Get % 400 + 1));

    [Property(MaxTest = 300)]
    public bool Counting_back_lands_on_a_working_day(NonNegativeInt offset, PositiveInt n) =>
        Calendar.IsWorkingDay(Calendar.AddWorkingDays(StartFrom(offset), -(n.Get % 400 + 1)));

    [Property(MaxTest = 300)]
    public bool WorkingDaysBetween_inverts_AddWorkingDays(NonNegativeInt offset, int n)
    {
        var start = StartFrom(offset);
        var days = n % 400;
        return Calendar.WorkingDaysBetween(start, Calendar.AddWorkingDays(start, days)) == days;
    }

    [Property(MaxTest = 300)]
    public bool Result_is_the_first_date_reaching_n(NonNegativeInt offset, PositiveInt n)
    {
        var start = StartFrom(offset);
        var days = n.Get % 60 + 1;
        var end = Calendar.AddWorkingDays(start, days);
        return end > start && Calendar.WorkingDaysBetween(start, end.AddDays(-1)) == days - 1;
    }
}
