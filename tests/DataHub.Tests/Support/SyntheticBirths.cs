using System.Text;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Tests.Support;

/// <summary>Writes births files in the public-security layout (the shipped births.yaml) with valid people.</summary>
public static class SyntheticBirths
{
    public const string Header = "公民身份号码,姓名,性别,出生日期,户籍地行政区划,母亲身份号码,父亲身份号码,出生医学证明编号,登记日期";

    private static readonly string[] Counties = DivisionTable.Default.All
        .Where(d => d.Level == DivisionLevel.County).Select(d => d.Code).Take(400).ToArray();

    public sealed record Row(string ResidentId, string Name, string Sex, string BirthDate, string Division, string MotherId, string FatherId, string Certificate, string Registered)
    {
        public string[] Fields => [ResidentId, Name, Sex, BirthDate, Division, MotherId, FatherId, Certificate, Registered];
        public string Csv => string.Join(',', Fields);
    }

    public static List<Row> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        var used = new HashSet<string>();
        while (rows.Count < count)
        {
            var birth = new DateOnly(2025, 1, 1).AddDays(random.Next(0, 500));
            var male = random.Next(2) == 0;
            var id = Id(random, Counties[random.Next(Counties.Length)], birth, male);
            if (!used.Add(id)) continue;
            rows.Add(new Row(id, "张" + (char)('一' + random.Next(0, 2000)), male ? "男" : "女", birth.ToString("yyyyMMdd"),
                Counties[random.Next(Counties.Length)],
                Id(random, Counties[random.Next(Counties.Length)], new DateOnly(1990, 1, 1).AddDays(random.Next(0, 4000)), male: false),
                Id(random, Counties[random.Next(Counties.Length)], new DateOnly(1988, 1, 1).AddDays(random.Next(0, 4000)), male: true),
                $"{(char)('M' + random.Next(4))}{random.Next(0, 1_000_000_000):D9}",
                birth.AddDays(random.Next(1, 30)).ToString("yyyy-MM-dd")));
        }
        return rows;
    }

    public static string Id(Random random, string division, DateOnly birth, bool male)
    {
        var sequence = random.Next(0, 500) * 2 + (male ? 1 : 0);
        var first17 = $"{division}{birth:yyyyMMdd}{sequence:D3}";
        return first17 + ResidentId.CheckCharacter(first17);
    }

    public static string Csv(IEnumerable<Row> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in rows) text.Append(row.Csv).Append('\n');
        return text.ToString();
    }
}
