using DataHub.Tests.Support;
using DataHub.Schemas.Codes;
using DataHub.Schemas.Reference;

namespace DataHub.Tests.Contracts;

public class CodeValidatorTests
{
    private static CodeTable Table(params (string Code, string From, string? To)[] rows) =>
        CodeTable.ReadCsv("diagnosis", new StringReader(
            "code,name,validFrom,validTo\n" + string.Concat(rows.Select(r => $"{r.Code},\"名称, 含逗号\",{r.From},{r.To}\n"))));

    [Fact]
    public void Existence_and_validity_dates_come_from_the_loaded_table()
    {
        var table = Table(("J18.900", "2021-01-01", "2023-12-31"), ("J18.900", "2025-01-01", null), ("E11.900", "2022-06-01", null));
        Assert.True(table.Contains("J18.900", new DateOnly(2021, 1, 1)));
        Assert.True(table.Contains("J18.900", new DateOnly(2023, 12, 31)));
        Assert.False(table.Contains("J18.900", new DateOnly(2024, 6, 1)));
        Assert.True(table.Contains("J18.900", new DateOnly(2030, 1, 1)));
        Assert.False(table.Contains("E11.900", new DateOnly(2022, 5, 31)));
        Assert.False(table.Contains("K35.800", new DateOnly(2022, 5, 31)));

        var validator = new CodeValidator(CodingStandards.Get("diagnosis"), DivisionTable.Default, table);
        Assert.True(validator.Check("J18.900").IsValid);
        Assert.Contains("not valid on 2024-06-01", validator.Check("J18.900", new DateOnly(2024, 6, 1)).Error);
        Assert.Contains("not in the loaded code table", validator.Check("K35.800").Error);
        Assert.Contains("layout", validator.Check("K35-800").Error);
    }

    [Fact]
    public void Bad_table_rows_are_reported_with_their_line()
    {
        var e = Assert.Throws<InvalidDataException>(() => Table(("J18.900", "2021/01/01", null)));
        Assert.Contains("line 2", e.Message);
    }

    public static TheoryData<string> DivisionKeys()
    {
        var data = new TheoryData<string>();
        foreach (var s in CodingStandards.All.Where(s => s.Division is not null)) data.Add(s.Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(DivisionKeys))]
    public void Every_sample_code_with_its_division_replaced_by_a_non_division_fails(string key)
    {
        var standard = CodingStandards.Get(key);
        var at = standard.Division!;
        var validator = new CodeValidator(standard, DivisionTable.Default);
        var notDivisions = Enumerable.Range(100_000, 900_000).Select(n => n.ToString("D6"))
            .Where(c => !DivisionTable.Default.Contains(c)).Take(200).ToArray();
        foreach (var code in SampleTable.Read(RepoPaths.SampleCodeTable(key)).Column(standard.CodeField))
        {
            var bad = code[..at.Offset] + notDivisions[code.GetHashCode() & 127] + code[(at.Offset + at.Length)..];
            Assert.True(CodeValidator.CheckFormat(standard, bad).IsValid);
            Assert.Contains("not a GB/T 2260 division", validator.Check(bad).Error);
            Assert.True(new CodeValidator(standard).Check(bad).IsValid); // no division table: format only
        }
    }

    [Fact]
    public void A_broken_definition_file_is_rejected_with_the_standard_named()
    {
        const string json = """
            {"standards":[{"id":8,"key":"institution","nameZh":"定点医疗机构代码","nameEn":"Institutions","kind":"code-table",
              "codeField":"code","minLength":5,"maxLength":12,"pattern":"^H[0-9]{11}$","division":{"offset":1,"length":6},
              "hierarchical":true,"provisional":false,"schema":"codes/institution","topic":"mi.codes.institution.v1"}]}
            """;
        Assert.Single(CodingStandards.Parse(json.Replace("\"minLength\":5", "\"minLength\":12")));
        var e = Assert.Throws<InvalidDataException>(() => CodingStandards.Parse(json));
        Assert.Contains("标准8", e.Message);
        Assert.Throws<InvalidDataException>(() => CodingStandards.Parse(json.Replace("\"minLength\":5", "\"minLength\":12").Replace("^H[0-9]{11}$", "^H[0-9")));
    }
}
