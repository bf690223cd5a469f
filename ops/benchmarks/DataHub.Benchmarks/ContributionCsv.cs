using System.Text;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Benchmarks;

/// <summary>
/// Writes a tax-bureau contributions export (UTF-8 CSV), streaming, deterministic for a seed: person ID,
/// payer type, payer credit code (employer payments), scheme 310/390, period YYYYMM, amount, paid date,
/// pooling area. Every <see cref="BadEvery"/>-th record has a wrong ID check character, so it must be
/// dead-lettered. Shared by the ingest benchmark and the pipeline tests (linked there).
/// </summary>
public static class ContributionCsv
{
    public const int BadEvery = 1000;
    public const string Header = "身份证号,缴费主体,单位信用代码,险种,费款所属期,缴费金额,缴费日期,统筹区";

    /// <summary>Writes <paramref name="records"/> rows; returns how many are valid. <paramref name="withInvalid"/> false writes the same rows, all correct.</summary>
    public static long Write(string path, long records, int seed = 7, bool withInvalid = true)
    {
        var counties = DivisionTable.Default.All.Where(d => d.Level == DivisionLevel.County).Select(d => d.Code).ToArray();
        var employers = Enumerable.Range(0, 512).Select(i => CreditCodeFor(counties[i % counties.Length], i)).ToArray();
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write(Header);
        writer.Write('\n');
        Span<char> id = stackalloc char[18];
        long good = 0;
        for (long i = 1; i <= records; i++)
        {
            var county = counties[random.Next(counties.Length)];
            county.CopyTo(id);
            new DateOnly(1950 + random.Next(70), 1 + random.Next(12), 1 + random.Next(28)).TryFormat(id[6..], out _, "yyyyMMdd");
            random.Next(1000).TryFormat(id[14..], out _, "D3");
            id[17] = ResidentId.CheckCharacter(id);
            var bad = withInvalid && i % BadEvery == 0;
            if (bad) id[17] = id[17] == '0' ? '1' : '0';
            else good++;
            var employer = random.Next(3) != 0;
            var year = 2020 + random.Next(5);
            var month = 1 + random.Next(12);
            writer.Write(id);
            writer.Write(employer ? ",单位," : ",个人,");
            if (employer) writer.Write(employers[random.Next(employers.Length)]);
            writer.Write(employer ? ",310," : ",390,");
            writer.Write($"{year}{month:D2},{random.Next(100, 300000) / 100m:0.00},{year}{month:D2}{1 + random.Next(28):D2},{county[..4]}00\n");
        }
        return good;
    }

    private static string CreditCodeFor(string county, int i)
    {
        Span<char> code = stackalloc char[18];
        "91".CopyTo(code);
        county.CopyTo(code[2..]);
        (100_000_000 + i * 7919).ToString("D9").CopyTo(code[8..]);
        code[17] = CreditCode.CheckCharacter(code[..17]);
        return code.ToString();
    }
}
