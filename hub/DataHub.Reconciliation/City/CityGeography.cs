using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Reconciliation.City;

/// <summary>
/// The synthetic city's places and names: six Jiangsu prefectures as pooling areas, four real counties
/// each (from the shipped GB/T 2260 table), common surnames and given-name characters, employers.
/// </summary>
public sealed class CityGeography
{
    private static readonly string[] PrefectureCodes = ["320100", "320200", "320300", "320400", "320500", "320600"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "建", "文", "辉", "宇", "欣", "浩", "子", "轩", "梓", "涵", "睿", "思", "雨", "晨", "博", "佳", "嘉", "怡", "一", "诺", "依", "然", "泽"];

    public CityGeography(int employers)
    {
        var table = DivisionTable.Default;
        Counties = PrefectureCodes
            .SelectMany(p => table.All.Where(d => d.Level == DivisionLevel.County && d.Parent == p).Take(4))
            .Select(d => int.Parse(d.Code)).ToArray();
        if (Counties.Length < PrefectureCodes.Length) throw new InvalidOperationException("the division table lacks the city's counties");
        EmployerCodes = Enumerable.Range(0, employers).Select(EmployerCode).ToArray();
    }

    /// <summary>County division codes; a person's county is where their ID was issued.</summary>
    public int[] Counties { get; }
    public string[] EmployerCodes { get; }

    public static int Prefecture(int division) => division / 100 * 100;

    /// <summary>A county in another prefecture than <paramref name="county"/> (for moves and second enrolments).</summary>
    public int OtherCounty(int county, ref CityRandom random)
    {
        while (true)
        {
            var other = random.Pick(Counties);
            if (Prefecture(other) != Prefecture(county)) return other;
        }
    }

    public static string Name(ref CityRandom random) =>
        random.Pick(Surnames) + random.Pick(Given) + (random.Chance(0.7) ? random.Pick(Given) : "");

    public int EmployerCounty(int employer) => Counties[employer % Counties.Length];

    private string EmployerCode(int index)
    {
        var first17 = $"91{EmployerCounty(index)}{index + 100_000_000:D9}";
        return first17 + CreditCode.CheckCharacter(first17);
    }
}
