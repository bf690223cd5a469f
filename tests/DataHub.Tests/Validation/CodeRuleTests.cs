using DataHub.Tests.Support;
using DataHub.Connectors.Validation;
using DataHub.Schemas.Codes;
using DataHub.Schemas.Identity;

namespace DataHub.Tests.Validation;

public class CodeRuleTests
{
    private const string GoodInstitution = "H32010204712";

    private static FieldRule Parse(string word, CodeTableRegistry? tables = null) =>
        FieldRule.Parse(word, out var error, tables) ?? throw new InvalidOperationException(error);

    private static string? Check(FieldRule rule, string value) => rule.Check(ref value);

    [Fact]
    public void Code_rule_accepts_a_well_formed_code_with_a_real_division()
    {
        Assert.Null(Check(Parse("code:institution"), GoodInstitution));
    }

    [Theory]
    [InlineData("X32010204712", "must start with H")]
    [InlineData("H3201020471", "has 11 characters, expected 12")]
    [InlineData("H99010204712", "embeds 990102")]
    public void Code_rule_rejects_format_and_division_faults_naming_the_standard(string code, string expected)
    {
        var error = Check(Parse("code:institution"), code);
        Assert.NotNull(error);
        Assert.Contains("(institution)", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Code_rule_checks_existence_only_when_the_registry_holds_the_table()
    {
        var tables = new CodeTableRegistry();
        var rule = Parse("code:institution", tables);
        const string wellFormedButUnknown = "H32010299999";
        Assert.Null(Check(rule, wellFormedButUnknown));

        tables.LoadCsv("institution", Support.RepoPaths.SampleCodeTable("institution"));
        var error = Check(rule, wellFormedButUnknown);
        Assert.NotNull(error);
        Assert.Contains("not in the loaded code table", error);
        Assert.Null(Check(rule, GoodInstitution));
    }

    [Fact]
    public void Unknown_standard_is_a_parse_error_listing_the_known_keys()
    {
        Assert.Null(FieldRule.Parse("code:nosuch", out var error));
        Assert.Contains("unknown coding standard 'nosuch'", error);
        Assert.Contains("institution", error);
    }

    [Fact]
    public void Credit_code_rule_normalises_case_and_rejects_a_wrong_check_character()
    {
        const string valid = "12320102799903892T";
        Assert.True(CreditCode.IsValid(valid));
        var rule = Parse("creditCode");
        var lower = valid.ToLowerInvariant();
        Assert.Null(rule.Check(ref lower));
        Assert.Equal(valid, lower);

        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');
        Assert.Contains("check character", Check(rule, wrong));
    }

    [Fact]
    public void Every_known_rule_word_parses()
    {
        foreach (var word in new[] { "required", "residentId", "division", "creditCode", "code:drug", "pastDate", "notBefore:validFrom", "pattern:[0-9]+", "oneOf:A|B" })
            Assert.NotNull(FieldRule.Parse(word, out _));
        Assert.All(CodingStandards.All, s => Assert.NotNull(FieldRule.Parse($"code:{s.Key}", out _)));
    }
}
