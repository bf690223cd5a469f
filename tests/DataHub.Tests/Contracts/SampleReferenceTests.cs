using DataHub.Tests.Support;
using DataHub.Schemas.Codes;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Tests.Contracts;

/// <summary>Codes of other standards, credit codes and division codes inside the samples are well-formed too.</summary>
public class SampleReferenceTests
{
    private static readonly Dictionary<string, string> CodeColumns = new()
    {
        ["diagnosisCode"] = "diagnosis",
        ["mainDiagnosisCode"] = "diagnosis",
        ["operationCode"] = "operation",
        ["institutionCode"] = "institution",
        ["agencyCode"] = "agency",
        ["physicianCode"] = "physician",
    };

    public static TheoryData<string> Keys() => CodingStandardsCatalogTests.Keys();

    [Theory]
    [MemberData(nameof(Keys))]
    public void Referenced_codes_credit_codes_and_divisions_are_valid(string key)
    {
        var sample = SampleTable.Read(RepoPaths.SampleCodeTable(key));
        foreach (var (column, standardKey) in CodeColumns.Where(c => sample.Has(c.Key)))
        {
            var validator = CodeValidator.For(standardKey);
            foreach (var code in sample.Column(column).Where(c => c.Length > 0))
                Assert.True(validator.Check(code).IsValid, $"{key}.{column}: {validator.Check(code).Error}");
        }
        if (sample.Has("creditCode"))
            foreach (var code in sample.Column("creditCode").Where(c => c.Length > 0))
                Assert.True(CreditCode.Check(code, DivisionTable.Default.Contains).IsValid, $"{key}: {CreditCode.Check(code).Error}");
        if (sample.Has("divisionCode"))
        {
            var standard = CodingStandards.Get(key);
            foreach (var (division, code) in sample.Column("divisionCode").Zip(sample.Column(standard.CodeField)))
            {
                Assert.True(DivisionTable.Default.Contains(division), $"{key}: {division} is not a division");
                if (standard.Division is { } at) Assert.Equal(division, code.Substring(at.Offset, at.Length));
            }
        }
    }
}
