using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.City;

/// <summary>
/// Turns the city straight into in-memory registries (no files, no Kafka): what the benchmark and the
/// engine tests reconcile. Each chunk buffers its rows and hands them over when it ends.
/// </summary>
public sealed class RegistryCitySink
{
    private readonly RegistrySetBuilder _builder;
    private readonly int[] _origins;

    public RegistryCitySink(int people)
    {
        _builder = new RegistrySetBuilder(people);
        _origins = new[] { "public-security.births", "public-security.deaths", "medical-insurance.enrolments", "tax.contributions",
            "hr-social-security.job-events", "civil-affairs.assisted-groups", "education.student-rosters", "medical-insurance.transfers" }
            .Select(feed => _builder.Origin(feed, "generated")).ToArray();
    }

    public ICitySink ForChunk(int chunk) => new Chunk(this);

    public RegistrySet Build() => _builder.Build();

    private sealed class Chunk(RegistryCitySink owner) : ICitySink
    {
        private readonly List<(long, BirthRow)> _births = [];
        private readonly List<(long, DeathRow)> _deaths = [];
        private readonly List<(long, EnrolmentRow)> _enrolments = [];
        private readonly List<(long, ContributionRow)> _contributions = [];
        private readonly List<(long, JobRow)> _jobs = [];
        private readonly List<(long, MembershipRow)> _memberships = [];
        private readonly List<(long, StudentRow)> _students = [];
        private readonly List<(long, TransferRow)> _transfers = [];
        private int _line;

        private RowOrigin At(int source) => new(owner._origins[source], ++_line);

        public void Birth(in CityBirth r) => _births.Add((r.Child.Key, new BirthRow(r.MotherKey, r.FatherKey, r.Child.BirthDay, r.Child.Sex, r.Certificate, r.Child.Name, r.Child.County, At(0))));
        public void Death(in CityDeath r) => _deaths.Add((r.Person.Key, new DeathRow(r.DeathDay, r.Person.County, At(1))));
        public void Move(in CityMove r) { }
        public void Membership(in CityMembership r) => _memberships.Add((r.Person.Key, new MembershipRow(r.Group, r.FromDay, r.ToDay, r.Person.County, At(5))));
        public void Contribution(in CityContribution r) => _contributions.Add((r.Person.Key, new ContributionRow(r.Scheme, r.PaidByPerson, r.Period, r.PaidDay, r.PoolingArea, At(3))));
        public void Job(in CityJob r) => _jobs.Add((r.Person.Key, new JobRow(r.IsStart, r.Day, r.PoolingArea, At(4))));
        public void Student(in CityStudent r) => _students.Add((r.WithId ? r.Student.Key : 0,
            new StudentRow(r.GuardianKey, r.Student.BirthDay, r.Student.Sex, r.Student.Name, r.SchoolYear, r.SchoolDivision, At(6))));
        public void Enrolment(in CityEnrolment r) => _enrolments.Add((r.WithId ? r.Person.Key : 0,
            new EnrolmentRow(r.Scheme, r.PoolingArea, r.PersonType, r.Status, r.StartDay, r.EndDay, r.Certificate, At(2))));
        public void Transfer(in CityTransfer r) => _transfers.Add((r.Person.Key,
            new TransferRow($"T{r.TransferNo:D10}", r.Scheme, r.FromArea, r.ToArea, r.Status, r.AppliedDay, r.CompletedDay == 0 ? Keys.OpenEnd : r.CompletedDay, At(7))));

        public void Dispose()
        {
            lock (owner._builder)
            {
                var b = owner._builder;
                foreach (var (k, r) in _births) b.Births.Add(k, r);
                foreach (var (k, r) in _deaths) b.Deaths.Add(k, r);
                foreach (var (k, r) in _enrolments) b.Enrolments.Add(k, r);
                foreach (var (k, r) in _contributions) b.Contributions.Add(k, r);
                foreach (var (k, r) in _jobs) b.Jobs.Add(k, r);
                foreach (var (k, r) in _memberships) b.Memberships.Add(k, r);
                foreach (var (k, r) in _students) b.Students.Add(k, r);
                foreach (var (k, r) in _transfers) b.Transfers.Add(k, r);
            }
        }
    }
}
