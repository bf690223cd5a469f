using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Reconciliation.City;

/// <summary>
/// One person's life in the synthetic city: who they are (a unique resident ID from their index), what they
/// are (newborn, child, student, employee, flexible worker, resident, assisted, retiree, deceased), and the
/// records every department holds about them, with a gap planted at a known rate. Each planted gap is
/// written to the expected list with the rule that must find it; near-misses (enrolled just in time, a
/// transfer still within its deadline, a former group member) are planted too, and must not be found.
/// </summary>
public sealed partial class CityLife(CitySettings settings, CityGeography geography, WorkingDayCalendar calendar)
{
    private readonly CitySettings _settings = settings;
    private readonly CityGeography _geography = geography;
    private readonly WorkingDayCalendar _calendar = calendar;
    private const int AgeSpanDays = 85 * 365;
    private const long AgeStride = 7919; // prime, shares no factor with AgeSpanDays (5² · 17 · 73)
    private readonly int _asOf = Keys.Day(settings.AsOf);
    private readonly int _yearStart = Keys.Day(new DateOnly(settings.Year, 1, 1));
    private readonly int _yearEnd = Keys.Day(new DateOnly(settings.Year, 12, 31));
    private readonly int _lastYearStart = Keys.Day(new DateOnly(settings.Year - 1, 1, 1));
    private readonly int _ageOffset = (int)(CityRandom.For(settings.Seed, -1).Next() % AgeSpanDays);

    public int Employers => _geography.EmployerCodes.Length;

    /// <summary>Person <paramref name="index"/>: ages are spread evenly over 0–85 years; IDs never collide (up to ~13.9 million people).</summary>
    public CityPerson Person(long index, ref CityRandom random)
    {
        var counties = _geography.Counties;
        var county = counties[index % counties.Length];
        // j ↦ (age, sequence) is one-to-one; the stride spreads consecutive people over all ages.
        var j = index;
        var birthDay = _asOf - 1 - (int)(((j % AgeSpanDays) * AgeStride + _ageOffset) % AgeSpanDays);
        var sex = (byte)(random.Chance(0.5) ? 1 : 2);
        var sequence = 100 + (int)(j / AgeSpanDays) * 2 + (sex == 1 ? 1 : 0);
        if (sequence > 999) throw new InvalidOperationException("too many people for the city's counties");
        var key = ResidentId.Pack($"{county}{Keys.Date(birthDay):yyyyMMdd}{sequence:D3}0");
        return new CityPerson(key, CityGeography.Name(ref random), sex, birthDay, county);
    }

    public void Live(long index, ICitySink sink, List<ExpectedGap> expected)
    {
        var random = CityRandom.For(_settings.Seed, index);
        var person = Person(index, ref random);
        var ageDays = _asOf - person.BirthDay;
        var age = ageDays / 365;
        var life = new Life(this, index, person, sink, expected, random);
        if (age >= 40 && life.Random.Chance(age >= 60 ? 0.05 : 0.03)) life.Deceased();
        else if (ageDays < 365) life.Newborn();
        else if (age < 6) life.Child();
        else if (age < 18) life.Student();
        else if (age < 60) life.Adult();
        else life.Elder();
    }

    private string PersonId(CityPerson p) => ResidentId.Unpack(p.Key);

    private void Expect(Life life, string rule, string period, MatchKind match = MatchKind.ResidentId) =>
        life.Expected.Add(new ExpectedGap(PersonId(life.Person), rule, period, MatchText(match)));

    public static string MatchText(MatchKind match) => match switch
    {
        MatchKind.ResidentId => "id", MatchKind.Certificate => "certificate", MatchKind.Parent => "parent", _ => "unresolved",
    };

    /// <summary>A parent's resident ID: same county, born 22–38 years before the child, odd sequence for fathers.</summary>
    private static long Parent(CityPerson child, bool mother, ref CityRandom random)
    {
        var birth = Keys.Date(child.BirthDay).AddYears(-random.Between(22, 38)).AddDays(random.Between(0, 364));
        var sequence = random.Between(50, 499) * 2 + (mother ? 0 : 1);
        return ResidentId.Pack($"{child.County}{birth:yyyyMMdd}{sequence:D3}0");
    }

    private int Min(int a, int b) => Math.Min(a, b);
}
