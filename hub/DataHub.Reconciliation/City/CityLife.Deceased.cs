using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.City;

public sealed partial class CityLife
{
    private sealed partial class Life
    {
        /// <summary>Died 40–400 days ago: enrolment ended at death, still active, or contributions paid for later months.</summary>
        public void Deceased()
        {
            var died = city._asOf - Random.Between(40, 400);
            sink.Death(new CityDeath(Person, died, city.Min(died + Random.Between(1, 20), city._asOf)));
            var roll = Random.Unit();
            var period = Keys.Date(died).ToString("yyyyMMdd");
            if (roll < 0.2)
            {
                ResidentYears(PersonType.Resident, Area);
                city.Expect(this, RuleIds.Deceased, period);
            }
            else if (roll < 0.3)
            {
                Enrol(RegistryCodes.EmployeeScheme, Area, PersonType.Flexible, EnrolmentStatus.Terminated, died - Random.Between(300, 3000), died);
                var next = Keys.AddMonths(Keys.Month(died), 1);
                Contribute(true, -1, RegistryCodes.EmployeeScheme, next, Area, city.Min(died + Random.Between(10, 35), city._asOf));
                city.Expect(this, RuleIds.Deceased, period);
            }
            else if (died >= city._yearStart)
            {
                ResidentYears(PersonType.Resident, Area, thisYear: false);
                Enrol(RegistryCodes.ResidentScheme, Area, PersonType.Resident, EnrolmentStatus.Terminated, city._yearStart, died);
            }
            else Enrol(RegistryCodes.ResidentScheme, Area, PersonType.Resident, EnrolmentStatus.Terminated, city._lastYearStart, died);
        }
    }
}
