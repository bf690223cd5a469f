using DataHub.Tests.Support;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Mapping;
using DataHub.Connectors.Sources;
using DataHub.Connectors.Validation;
using DataHub.Schemas.Avro;

namespace DataHub.Tests.Validation;

/// <summary>A YAML feed that names a code table under codeTables: its code: rule then checks existence.</summary>
public sealed class FeedCodeTableTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "datahub-feedcodes-" + Guid.NewGuid().ToString("N"));

    public FeedCodeTableTests()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(Support.RepoPaths.SampleCodeTable("institution"), Path.Combine(_folder, "institution.csv"));
        // Employers: the credit code must be valid, the division real; reuse the employer schema with an institution check on 'industry'.
        File.WriteAllText(Path.Combine(_folder, "employers.csv"), """
            creditCode,name,division,status,registeredDate,institution
            12320102799903892T,玄武区第一人民医院,320102,active,2021-01-01,H32010204712
            12320102799903892T,玄武区第一人民医院,320102,active,2021-01-01,H32010299999
            12320102799903892X,玄武区第一人民医院,320102,active,2021-01-01,H32010204712
            """);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFeed(string codeTables) => WriteText("feed.yaml", $$"""
        name: test.employers
        source: { kind: file, path: employers.csv }
        target: { topic: mi.tax.employer.v1, schema: tax/employer, key: creditCode }
        {{codeTables}}
        fields:
          creditCode:     { column: creditCode, rules: [required, creditCode] }
          name:           { column: name }
          division:       { column: division, rules: [division] }
          status:         { column: status }
          registeredDate: { column: registeredDate }
          industry:       { column: institution, rules: ["code:institution"] }
        """);

    private string WriteText(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_referenced_table_makes_code_rules_check_existence()
    {
        var feed = FeedDefinitionLoader.Load(WriteFeed("codeTables: { institution: institution.csv }"));
        var tables = new CodeTableRegistry();
        foreach (var (key, path) in feed.CodeTables) tables.LoadCsv(key, FeedDefinitionChecker.CodeTablePath(feed, path));

        using var source = new CsvFileSource(Path.Combine(_folder, "employers.csv"));
        var mapper = RecordMapper.Compile(feed, SchemaCatalog.Get("tax/employer"), source.Columns, "employers.csv", tables);
        var results = source.ReadRows(0).Select(mapper.Map).ToList();

        Assert.True(results[0].IsValid, results[0].Error?.Reason);
        Assert.Equal("industry", results[1].Error?.Field);
        Assert.Contains("not in the loaded code table", results[1].Error?.Reason);
        Assert.Equal("creditCode", results[2].Error?.Field);
        Assert.Contains("check character", results[2].Error?.Reason);
    }

    [Fact]
    public void Without_the_table_the_code_rule_checks_format_only()
    {
        var feed = FeedDefinitionLoader.Load(WriteFeed(""));
        using var source = new CsvFileSource(Path.Combine(_folder, "employers.csv"));
        var mapper = RecordMapper.Compile(feed, SchemaCatalog.Get("tax/employer"), source.Columns, "employers.csv");
        Assert.True(source.ReadRows(0).Select(mapper.Map).ElementAt(1).IsValid);
    }

    [Fact]
    public void Unknown_standard_and_missing_file_are_definition_errors_with_lines()
    {
        var e = Assert.Throws<FeedDefinitionException>(() =>
            FeedDefinitionLoader.Load(WriteFeed("codeTables: { nosuch: a.csv, drug: missing.csv }")));
        Assert.Contains(e.Errors, x => x.Message.Contains("'nosuch' is not a coding standard key"));
        Assert.Contains(e.Errors, x => x.Message.Contains("missing.csv") && x.Line > 0);
    }
}
