using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.City;

public sealed partial class CityLife
{
    private sealed partial class Life(CityLife city, long index, CityPerson person, ICitySink sink, List<ExpectedGap> expected, CityRandom random)
    {
        public CityRandom Random = random;
        public CityPerson Person { get; } = person;
        public List<ExpectedGap> Expected { get; } = expected;
        private int _enrolments;
        private long _mother;
        private long _certificate;

        private int Area => CityGeography.Prefecture(Person.County);

        /// <summary>Under 8: the household registry holds the birth (with mother, father and certificate).</summary>
        private void RegisterBirth()
        {
            _mother = Parent(Person, true, ref Random);
            var father = Random.Chance(0.9) ? Parent(Person, false, ref Random) : 0;
            _certificate = (long)Random.Between(0, 25) * 1_000_000_000L + index + 1;
            var registered = Person.BirthDay + (Random.Chance(0.05) ? Random.Between(100, 200) : Random.Between(3, 40));
            sink.Birth(new CityBirth(Person, _mother, father, _certificate, city.Min(registered, city._asOf)));
        }

        public void Newborn()
        {
            RegisterBirth();
            var graceOver = Person.BirthDay + 90 < city._asOf;
            var roll = Random.Unit();
            var period = Keys.Date(Person.BirthDay).ToString("yyyyMMdd");
            if (!graceOver)
            {
                // Within the grace: enrolled or not yet, never a gap.
                if (roll < 0.5) NewbornEnrolment(withId: true, Person.BirthDay);
                else if (roll < 0.75) NewbornEnrolment(withId: false, Person.BirthDay);
                return;
            }
            if (roll < 0.55) NewbornEnrolment(withId: true, Person.BirthDay);
            else if (roll < 0.75) NewbornEnrolment(withId: false, Person.BirthDay);
            else if (roll < 0.85) city.Expect(this, RuleIds.Newborn, period);
            else
            {
                var withId = roll < 0.92;
                NewbornEnrolment(withId, Random.Between(Person.BirthDay + 91, city._asOf));
                city.Expect(this, RuleIds.Newborn, period, withId ? MatchKind.ResidentId : MatchKind.Certificate);
            }
        }

        private void NewbornEnrolment(bool withId, int start) =>
            Enrol(RegistryCodes.ResidentScheme, Area, PersonType.Newborn, EnrolmentStatus.Active, start, city._yearEnd, withId: withId);

        public void Child()
        {
            if (city._asOf - Person.BirthDay < 8 * 365) RegisterBirth();
            ResidentYears(PersonType.Resident, Area);
        }

        public void Student()
        {
            var age = (city._asOf - Person.BirthDay) / 365;
            if (age < 8) RegisterBirth();
            var withId = age >= 8 || !Random.Chance(0.4);
            var school = Random.Between(0, 9);
            var rosterDay = Keys.Day(new DateOnly(city._asOf >= Keys.Day(new DateOnly(city._settings.Year, 9, 1)) ? city._settings.Year : city._settings.Year - 1, 9, 15));
            sink.Student(new CityStudent(Person, withId, _mother, Person.County, school, age - 5, city._settings.SchoolYear, city.Min(rosterDay, city._asOf)));
            if (Random.Chance(0.12))
            {
                city.Expect(this, RuleIds.Student, city._settings.SchoolYear, withId ? MatchKind.ResidentId : MatchKind.Parent);
                return;
            }
            ResidentYears(PersonType.Student, Area);
        }

        /// <summary>Last year's and this year's resident-scheme (390) enrolments.</summary>
        private void ResidentYears(PersonType type, int area, bool thisYear = true)
        {
            var start = Math.Max(city._lastYearStart, Person.BirthDay);
            if (start < city._yearStart) Enrol(RegistryCodes.ResidentScheme, area, type, EnrolmentStatus.Terminated, start, city._yearStart - 1);
            if (thisYear) Enrol(RegistryCodes.ResidentScheme, area, type, EnrolmentStatus.Active, Math.Max(city._yearStart, Person.BirthDay), city._yearEnd);
        }

        private void Enrol(short scheme, int area, PersonType type, EnrolmentStatus status, int start, int end, int employer = -1, bool withId = true) =>
            sink.Enrolment(new CityEnrolment(index * 8 + _enrolments++, Person, withId, type == PersonType.Newborn ? _certificate : 0,
                scheme, area, type, status, start, end, employer));
    }
}
