using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.City;

public sealed partial class CityLife
{
    private sealed partial class Life
    {
        private static readonly AssistedGroup[] AdultGroups =
            [AssistedGroup.ExtremePoverty, AssistedGroup.MinimumLiving, AssistedGroup.LowIncome, AssistedGroup.RelapseMonitored, AssistedGroup.SevereDisability];

        private bool Legacy => Person.HasLegacyForm && Random.Chance(0.1);

        public void Adult()
        {
            var roll = Random.Unit();
            if (roll < 0.45) Employee();
            else if (roll < 0.55) Flexible();
            else if (roll < 0.88) Resident();
            else Assisted();
        }

        public void Elder()
        {
            var roll = Random.Unit();
            if (roll < 0.5) Retiree();
            else if (roll < 0.92) Resident();
            else Assisted();
        }

        private void Employee()
        {
            var employer = Random.Between(0, city.Employers - 1);
            var area = CityGeography.Prefecture(city._geography.EmployerCounty(employer));
            var started = city._asOf - Random.Between(60, 3000);
            var roll = Random.Unit();
            if (roll < 0.05)
            {
                Job(true, employer, started, area);
                RecentContributions(employer, area);
                city.Expect(this, RuleIds.Contributor, city._settings.Year.ToString());
                return;
            }
            if (roll < 0.28 && roll >= 0.09)
            {
                JobEnded(roll, employer, area);
                return;
            }
            Job(true, employer, started, area);
            RecentContributions(employer, area);
            if (roll < 0.09)
            {
                Enrol(RegistryCodes.EmployeeScheme, area, PersonType.Employee, EnrolmentStatus.Active, started, Keys.OpenEnd, employer);
                Enrol(RegistryCodes.ResidentScheme, Area, PersonType.Resident, EnrolmentStatus.Active, city._yearStart, city._yearEnd);
                city.Expect(this, RuleIds.Duplicate, city._settings.Year.ToString());
            }
            else if (roll < 0.36) Transfer(roll, employer, area, started);
            else Enrol(RegistryCodes.EmployeeScheme, area, PersonType.Employee, EnrolmentStatus.Active, started, Keys.OpenEnd, employer);
        }

        /// <summary>The job ended 7–11 months ago: a lapse, a new job, or resident enrolment within the grace.</summary>
        private void JobEnded(double roll, int employer, int area)
        {
            var ended = city._asOf - Random.Between(215, 330);
            var started = ended - Random.Between(300, 3000);
            Job(true, employer, started, area);
            Job(false, employer, ended, area, "离职");
            for (var m = -2; m <= 0; m++) Contribute(false, employer, RegistryCodes.EmployeeScheme, Keys.AddMonths(Keys.Month(ended), m), area);
            Enrol(RegistryCodes.EmployeeScheme, area, PersonType.Employee, EnrolmentStatus.Terminated, started, ended, employer);
            if (roll < 0.15)
            {
                city.Expect(this, RuleIds.JobEnded, Keys.Month(ended).ToString());
            }
            else if (roll < 0.22)
            {
                var next = Random.Between(0, city.Employers - 1);
                var nextArea = CityGeography.Prefecture(city._geography.EmployerCounty(next));
                var restart = ended + Random.Between(10, 60);
                Job(true, next, restart, nextArea);
                RecentContributions(next, nextArea);
                Enrol(RegistryCodes.EmployeeScheme, nextArea, PersonType.Employee, EnrolmentStatus.Active, restart, Keys.OpenEnd, next);
            }
            else Enrol(RegistryCodes.ResidentScheme, Area, PersonType.Resident, EnrolmentStatus.Active, ended + Random.Between(5, 60), city._yearEnd);
        }

        /// <summary>Moved to another pooling area: the transfer is overdue, still within its deadline, or done.</summary>
        private void Transfer(double roll, int employer, int area, int started)
        {
            var to = city._geography.OtherCounty(Person.County, ref Random);
            var toArea = CityGeography.Prefecture(to);
            var transferNo = index;
            if (roll < 0.33)
            {
                var applied = city._asOf - Random.Between(1, 60);
                var moved = applied - Random.Between(5, 30);
                Move(to, moved);
                sink.Transfer(new CityTransfer(transferNo, Person, RegistryCodes.EmployeeScheme, area, toArea, TransferStatus.InProgress, applied, 0));
                Enrol(RegistryCodes.EmployeeScheme, area, PersonType.Employee, EnrolmentStatus.Active, started, Keys.OpenEnd, employer);
                var deadline = Keys.Day(city._calendar.AddWorkingDays(Keys.Date(applied), 15));
                if (city._asOf > deadline) city.Expect(this, RuleIds.TransferOverdue, $"T{transferNo:D10}");
                return;
            }
            var applied2 = city._asOf - Random.Between(40, 300);
            var completed = Keys.Day(city._calendar.AddWorkingDays(Keys.Date(applied2), Random.Between(3, 14)));
            Move(to, applied2 - Random.Between(5, 30));
            sink.Transfer(new CityTransfer(transferNo, Person, RegistryCodes.EmployeeScheme, area, toArea, TransferStatus.Completed, applied2, completed));
            Enrol(RegistryCodes.EmployeeScheme, area, PersonType.Employee, EnrolmentStatus.Terminated, started, completed - 1, employer);
            Enrol(RegistryCodes.EmployeeScheme, toArea, PersonType.Employee, EnrolmentStatus.Active, completed, Keys.OpenEnd, employer);
        }

        private void Move(int to, int day)
        {
            var registered = city.Min(day + Random.Between(1, 10), city._asOf);
            sink.Move(new CityMove(Person, false, Person.County, to, day, registered));
            sink.Move(new CityMove(Person, true, Person.County, to, day, registered));
        }

        private void Flexible()
        {
            var area = Area;
            RecentContributions(-1, area);
            if (Random.Chance(0.12)) city.Expect(this, RuleIds.Contributor, city._settings.Year.ToString());
            else Enrol(RegistryCodes.EmployeeScheme, area, PersonType.Flexible, EnrolmentStatus.Active, city._asOf - Random.Between(100, 2000), Keys.OpenEnd);
        }

        private void Resident()
        {
            var roll = Random.Unit();
            if (roll < 0.10)
            {
                ResidentYears(PersonType.Resident, Area, thisYear: false);
                city.Expect(this, RuleIds.NotRenewed, city._settings.Year.ToString());
                return;
            }
            ResidentYears(PersonType.Resident, Area);
            if (roll < 0.14)
            {
                var other = CityGeography.Prefecture(city._geography.OtherCounty(Person.County, ref Random));
                Enrol(RegistryCodes.ResidentScheme, other, PersonType.Resident, EnrolmentStatus.Active, city.Min(city._yearStart + Random.Between(0, 200), city._asOf), city._yearEnd);
                city.Expect(this, RuleIds.Duplicate, city._settings.Year.ToString());
            }
        }

        private void Assisted()
        {
            var groups = Random.Chance(0.2) ? 2 : 1;
            var former = Random.Chance(0.05);
            for (var g = 0; g < groups; g++)
            {
                var group = AdultGroups[(g + Random.Between(0, AdultGroups.Length - 1)) % AdultGroups.Length];
                var from = city._asOf - Random.Between(100, 2000);
                var to = former ? city._yearStart - Random.Between(1, 90) : Keys.OpenEnd;
                sink.Membership(new CityMembership(Person, group, Math.Min(from, to - 1), to, Legacy));
            }
            if (former) return;
            if (Random.Chance(0.15)) city.Expect(this, RuleIds.Assisted, city._settings.Year.ToString());
            else ResidentYears(PersonType.Assisted, Area);
        }

        private void Retiree()
        {
            // Elders are those 60 × 365 days old: a few turn 60 only after the as-of day, and must not retire in the future.
            var retired = Math.Min(Keys.Day(Keys.Date(Person.BirthDay).AddYears(60)), city._asOf);
            if (city._asOf - retired < 700 && Random.Chance(0.5))
            {
                var employer = Random.Between(0, city.Employers - 1);
                var area = CityGeography.Prefecture(city._geography.EmployerCounty(employer));
                Job(true, employer, retired - Random.Between(1000, 9000), area);
                Job(false, employer, retired, area, "退休");
            }
            Enrol(RegistryCodes.EmployeeScheme, Area, PersonType.Retiree, EnrolmentStatus.Active, retired, Keys.OpenEnd);
        }

        private void RecentContributions(int employer, int area)
        {
            for (var m = -3; m <= -1; m++)
                Contribute(employer < 0, employer, RegistryCodes.EmployeeScheme, Keys.AddMonths(Keys.Month(city._asOf), m), area);
        }

        private void Contribute(bool byPerson, int employer, short scheme, int period, int area, int? paid = null)
        {
            var paidDay = paid ?? Keys.Day(new DateOnly(period / 100, period % 100, 1).AddMonths(1).AddDays(9));
            sink.Contribution(new CityContribution(Person, byPerson, employer, scheme, period, city.Min(paidDay, city._asOf), area, Legacy));
        }

        private void Job(bool start, int employer, int day, int area, string? reason = null)
        {
            var recorded = day + (Random.Chance(0.1) ? Random.Between(60, 120) : Random.Between(0, 10));
            sink.Job(new CityJob(Person, start, employer, day, area, reason, city.Min(recorded, city._asOf), Legacy));
        }
    }
}
