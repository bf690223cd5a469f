using System.Text;
using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Identity;

namespace DataHub.Reconciliation.City;

/// <summary>
/// Writes a city's records as the departments would export them (see <see cref="CityFeedLayout"/>): one
/// part file per feed per generation chunk, Chinese headers and codes, some files GB18030, some IDs in
/// the old 15-digit form, newborn enrolments and young pupils without an ID.
/// </summary>
public sealed class CsvCitySink(string directory, IReadOnlyList<string> employerCodes)
{
    static CsvCitySink() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public ICitySink ForChunk(int chunk) => new Chunk(this, chunk);

    public TextWriter Open(CityFeedLayout layout, string fileName)
    {
        var folder = Path.Combine(directory, layout.Folder);
        Directory.CreateDirectory(folder);
        var encoding = layout.Gb18030 ? Encoding.GetEncoding("GB18030") : new UTF8Encoding(false);
        var writer = new StreamWriter(Path.Combine(folder, fileName), false, encoding, 1 << 20) { NewLine = "\n" };
        writer.WriteLine(layout.Header);
        return writer;
    }

    private sealed class Chunk(CsvCitySink owner, int chunk) : ICitySink
    {
        private readonly Dictionary<CityFeedLayout, TextWriter> _writers = [];

        private TextWriter W(CityFeedLayout layout)
        {
            if (!_writers.TryGetValue(layout, out var writer))
                _writers[layout] = writer = owner.Open(layout, $"{layout.Folder[(layout.Folder.IndexOf('/') + 1)..]}-{chunk + 1:D3}.csv");
            return writer;
        }

        private static string Id(long key) => key == 0 ? "" : ResidentId.Unpack(key);
        private static string Id(CityPerson p, bool legacy) => legacy && p.HasLegacyForm ? Legacy(ResidentId.Unpack(p.Key)) : ResidentId.Unpack(p.Key);
        private static string Legacy(string id18) => string.Concat(id18.AsSpan(0, 6), id18.AsSpan(8, 9));
        private static string D(int day) => day == 0 || day == Keys.OpenEnd ? "" : Keys.Date(day).ToString("yyyy-MM-dd");
        private static string Compact(int day) => day == 0 || day == Keys.OpenEnd ? "" : Keys.Date(day).ToString("yyyyMMdd");
        private static string Sex(byte sex) => sex == 1 ? "男" : "女";
        private string Employer(int employer) => employer < 0 ? "" : owner.EmployerCode(employer);

        public void Birth(in CityBirth r) => W(CityFeedLayout.Births).WriteLine(
            $"{Id(r.Child.Key)},{r.Child.Name},{Sex(r.Child.Sex)},{Compact(r.Child.BirthDay)},{r.Child.County},{Id(r.MotherKey)},{Id(r.FatherKey)},{Keys.CertificateText(r.Certificate)},{Compact(r.RegisteredDay)}");

        public void Death(in CityDeath r) => W(CityFeedLayout.Deaths).WriteLine(
            $"{Id(r.Person.Key)},{r.Person.Name},{Compact(r.DeathDay)},{r.Person.County},死亡,,{Compact(r.CancelledDay)}");

        public void Move(in CityMove r) => W(CityFeedLayout.Moves).WriteLine(
            $"{Id(r.Person.Key)},{r.Person.Name},{(r.In ? "迁入" : "迁出")},{r.FromDivision},{r.ToDivision},{Compact(r.MoveDay)},务工,{Compact(r.RegisteredDay)}");

        public void Membership(in CityMembership r)
        {
            var layout = r.Group switch
            {
                AssistedGroup.RelapseMonitored => CityFeedLayout.RuralRevitalisation,
                AssistedGroup.SevereDisability => CityFeedLayout.DisabledFederation,
                _ => CityFeedLayout.CivilAffairs,
            };
            W(layout).WriteLine($"{Id(r.Person, r.LegacyId)},{r.Person.Name},{GroupName(r.Group)},{r.Person.County},{D(r.FromDay)},{D(r.ToDay)},");
        }

        public void Contribution(in CityContribution r) => W(CityFeedLayout.Contributions).WriteLine(
            $"{Id(r.Person, r.LegacyId)},{(r.PaidByPerson ? "个人" : "单位")},{Employer(r.Employer)},{r.Scheme},{r.Period},{(r.PaidByPerson ? "450.00" : "612.50")},{D(r.PaidDay)},{r.PoolingArea},");

        public void Job(in CityJob r) => W(CityFeedLayout.Jobs).WriteLine(
            $"{Id(r.Person, r.LegacyId)},{r.Person.Name},{(r.IsStart ? "入职" : "离职")},{Employer(r.Employer)},{D(r.Day)},{r.PoolingArea},{r.Reason},{D(r.RecordedDay)}");

        public void Student(in CityStudent r) => W(CityFeedLayout.Students).WriteLine(
            $"{r.SchoolDivision}{r.School:D4},第{r.School + 1}学校,{r.SchoolDivision},{r.Grade}年级,{r.Grade % 5 + 1}班,{(r.WithId ? Id(r.Student.Key) : "")},{r.Student.Name},{D(r.Student.BirthDay)},{Sex(r.Student.Sex)},{Id(r.GuardianKey)},{r.SchoolYear},{D(r.RosterDay)}");

        public void Enrolment(in CityEnrolment r) => W(CityFeedLayout.Enrolments).WriteLine(
            $"E{r.EnrolmentNo:D12},{(r.WithId ? Id(r.Person.Key) : "")},{r.Person.Name},{r.Scheme},{r.PoolingArea},{PersonTypeName(r.PersonType)},{StatusName(r.Status)},{D(r.StartDay)},{D(r.EndDay)},{Employer(r.Employer)},{Keys.CertificateText(r.Certificate)},{D(r.StartDay)} 09:00:00");

        public void Transfer(in CityTransfer r) => W(CityFeedLayout.Transfers).WriteLine(
            $"T{r.TransferNo:D10},{Id(r.Person.Key)},{r.Scheme},{r.FromArea},{r.ToArea},{TransferName(r.Status)},{D(r.AppliedDay)},{D(r.CompletedDay)},网上");

        public void Dispose()
        {
            foreach (var writer in _writers.Values) writer.Dispose();
        }
    }

    private string EmployerCode(int employer) => employerCodes[employer];

    public static string GroupName(AssistedGroup g) => g switch
    {
        AssistedGroup.ExtremePoverty => "特困人员", AssistedGroup.MinimumLiving => "低保对象", AssistedGroup.LowIncome => "低收入人口",
        AssistedGroup.RelapseMonitored => "防止返贫监测对象", AssistedGroup.Orphan => "孤儿", AssistedGroup.UnsupportedChild => "事实无人抚养儿童",
        _ => "重度残疾人",
    };

    private static string PersonTypeName(PersonType t) => t switch
    {
        PersonType.Employee => "在职", PersonType.Retiree => "退休", PersonType.Flexible => "灵活就业", PersonType.Resident => "城乡居民",
        PersonType.Student => "学生", PersonType.Newborn => "新生儿", _ => "资助参保",
    };

    private static string StatusName(EnrolmentStatus s) => s switch
    {
        EnrolmentStatus.Active => "参保缴费", EnrolmentStatus.Suspended => "暂停缴费", _ => "终止参保",
    };

    private static string TransferName(TransferStatus s) => s switch
    {
        TransferStatus.Applied => "已申请", TransferStatus.InProgress => "办理中", TransferStatus.Completed => "已完成", _ => "已拒绝",
    };
}
