using DataHub.Connectors.Definitions;

namespace DataHub.Tests.Connectors;

/// <summary>`datahub feed check`: every mistake in a definition is reported with the line it is on.</summary>
public class FeedDefinitionErrorTests
{
    private const string Valid = """
        name: test.births
        source:
          kind: file
          path: births/*.csv
        format:
          type: csv
        target:
          topic: mi.household.birth.v1
          schema: household/birth-registration
          key: residentId
        fields:
          residentId:        { column: ID, rules: [required, residentId] }
          sex:               { column: SEX, rules: [required] }
          birthDate:         { column: BORN, rules: [required, pastDate] }
          householdDivision: { column: DIV, rules: [division] }
          registeredDate:    { column: REG }
        """;

    [Fact]
    public void The_valid_definition_loads()
    {
        var feed = FeedDefinitionLoader.Parse(Valid, "test.yaml");
        Assert.Equal(5, feed.Fields.Count);
    }

    [Theory]
    [InlineData("rules: [required, residentId]", "rules: [required, residentIdd]", 12, "unknown rule 'residentIdd'")]
    [InlineData("  sex:               { column: SEX, rules: [required] }", "  gender:            { column: SEX, rules: [required] }", 13, "'gender' is not a field of household/birth-registration")]
    [InlineData("\n  registeredDate:    { column: REG }", "", 11, "required field 'registeredDate' of household/birth-registration is not mapped")]
    [InlineData("  type: csv", "  type: xlsx-ish", 6, "format 'xlsx-ish' is not supported")]
    [InlineData("  path: births/*.csv", "  path: births/*.csv\n  paht: typo", 5, "unknown key 'paht' in source (keys: kind, path, provider,")]
    [InlineData("{ column: REG }", "{ colum: REG }", 16, "unknown key 'colum' in a field (keys: column, fallback, const,")]
    [InlineData("target:", "targt:", 7, "unknown key 'targt' in the definition (keys: name, department,")]
    [InlineData("  type: csv", "  type: csv\n  encoding: big5x", 7, "encoding 'big5x' is not known")]
    [InlineData("format:\n  type: csv", "format:\n  type: csv\n   encoding: auto", 7, "found invalid mapping")]
    [InlineData("name: test.births", "name: test.births\nschedule: \"0 0 25 * * ?\"", 2, "Hour values must be between 0 and 23")]
    [InlineData("name: test.births", "name: test.births\nschedule: \"0 2 * * *\"", 2, "is not a Quartz cron expression (seconds minutes hours")]
    [InlineData("name: test.births", "name: test.births\nschedule: nightly", 2, "schedule 'nightly' is not a Quartz cron expression")]
    [InlineData("  kind: file", "  kind: ftp", 3, "source kind 'ftp' is not supported")]
    [InlineData("{ column: REG }", "{ column: REG, fallback: REG2, const: x }", 16, "give exactly one of column or const")]
    [InlineData("  type: csv", "  type: fhir", 5, "certificate: birth or certificate: death")]
    [InlineData("{ column: REG }", "{ column: REG }\n  origin:            { column: FROM }", 17, "'origin' is written by the hub")]
    [InlineData("  schema: household/birth-registration", "  schema: reconciliation/gap-event", 9, "must start with the field 'origin'")]
    public void A_broken_definition_is_reported_with_its_line(string find, string replace, int line, string message)
    {
        Assert.Contains(find, Valid.Replace("\r\n", "\n"));
        var broken = Valid.Replace("\r\n", "\n").Replace(find, replace);

        var e = Assert.Throws<FeedDefinitionException>(() => FeedDefinitionLoader.Parse(broken, "broken.yaml"));

        Assert.Contains(e.Errors, err => err.Line == line && err.Message.Contains(message, StringComparison.Ordinal) && err.File == "broken.yaml");
    }

    [Fact]
    public void Sql_source_needs_provider_table_and_a_plain_watermark_column()
    {
        var yaml = Valid.Replace("  kind: file\n  path: births/*.csv", "  kind: sql\n  provider: oracle\n  connectionString: x\n  table: \"people; DROP TABLE x\"\n  watermark: id");

        var e = Assert.Throws<FeedDefinitionException>(() => FeedDefinitionLoader.Parse(yaml, "sql.yaml"));

        Assert.Contains(e.Errors, err => err.Line == 4 && err.Message.Contains("provider 'oracle' is not supported"));
        Assert.Contains(e.Errors, err => err.Line == 6 && err.Message.Contains("not a plain name"));
        Assert.DoesNotContain(e.Errors, err => err.Message.Contains("watermark"));
    }

    [Fact]
    public void Every_error_of_a_definition_is_reported_at_once()
    {
        var broken = Valid.Replace("residentId]", "residentIdd]").Replace("  sex:  ", "  gender:").Replace("type: csv", "type: xml");

        var e = Assert.Throws<FeedDefinitionException>(() => FeedDefinitionLoader.Parse(broken, "broken.yaml"));

        Assert.True(e.Errors.Count >= 4, string.Join("\n", e.Errors));
        Assert.All(e.Errors, err => Assert.True(err.Line > 0, $"no line for: {err}"));
    }
}
