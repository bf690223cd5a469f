using DataHub.Tests.Support;
using DataHub.Connectors.Mapping;
using DataHub.Connectors.Sources;
using DataHub.Hub.Codes;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Codes;

namespace DataHub.Tests.Codes;

public class CodeTableFeedTests
{
    private static List<(long Line, MappingResult Result)> MapAll(CodingStandard standard, string file)
    {
        var feed = CodeTableLoader.For(standard, file);
        using var source = SourceReaderFactory.Open(feed, file);
        var mapper = RecordMapper.Compile(feed, SchemaCatalog.Get(standard.Schema), source.Columns, Path.GetFileName(file));
        return source.ReadRows(0).Select(r => (r.Line, mapper.Map(r))).ToList();
    }

    public static TheoryData<string> CodeTableStandards() =>
        new(CodingStandards.All.Where(s => s.Kind == CodingStandardKind.CodeTable).Select(s => s.Key));

    [Theory]
    [MemberData(nameof(CodeTableStandards))]
    public void Every_shipped_sample_table_passes_its_generated_feed_keyed_by_code(string key)
    {
        var standard = CodingStandards.Get(key);
        var rows = MapAll(standard, Support.RepoPaths.SampleCodeTable(key));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r.Result.IsValid, $"line {r.Line}: {r.Result.Error}"));
        var codePosition = SchemaCatalog.Get(standard.Schema).Fields.Single(f => f.Name == standard.CodeField).Pos;
        Assert.All(rows, r => Assert.Equal(r.Result.Values![codePosition], r.Result.Key));
    }

    [Fact]
    public void Fixture_rejects_the_embedded_division_and_the_reversed_validity_with_field_and_reason()
    {
        var rows = MapAll(CodingStandards.Get("institution"), CodeTableFixtures.InstitutionWithTwoBadRows);
        Assert.Equal(7, rows.Count);
        var bad = rows.Where(r => !r.Result.IsValid).ToList();
        Assert.Equal([4L, 7L], bad.Select(b => b.Line));
        Assert.Equal("code", bad[0].Result.Error!.Field);
        Assert.Contains("embeds 990102", bad[0].Result.Error!.Reason);
        Assert.Equal("validTo", bad[1].Result.Error!.Field);
        Assert.Contains("before validFrom 2021-01-01", bad[1].Result.Error!.Reason);
    }

    [Fact]
    public void Xlsx_copy_reads_the_same_rows_with_excel_dates_as_iso_text()
    {
        var xlsx = CodeTableFixtures.ToXlsx(CodeTableFixtures.InstitutionWithTwoBadRows, Path.Combine(Path.GetTempPath(), $"datahub-{Guid.NewGuid():N}.xlsx"));
        try
        {
            using var csv = new CsvFileSource(CodeTableFixtures.InstitutionWithTwoBadRows);
            using var sheet = new XlsxFileSource(xlsx);
            Assert.Equal(csv.Columns, sheet.Columns);
            var expected = csv.ReadRows(0).ToList();
            var actual = sheet.ReadRows(0).ToList();
            Assert.Equal(expected.Select(r => r.Line), actual.Select(r => r.Line));
            for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Fields, actual[i].Fields);

            var rows = MapAll(CodingStandards.Get("institution"), xlsx);
            Assert.Equal([4L, 7L], rows.Where(r => !r.Result.IsValid).Select(r => r.Line));
        }
        finally { File.Delete(xlsx); }
    }

    [Fact]
    public void Xlsx_rows_after_a_checkpoint_are_skipped()
    {
        var xlsx = CodeTableFixtures.ToXlsx(CodeTableFixtures.InstitutionWithTwoBadRows, Path.Combine(Path.GetTempPath(), $"datahub-{Guid.NewGuid():N}.xlsx"));
        try
        {
            using var sheet = new XlsxFileSource(xlsx);
            Assert.Equal([6L, 7L, 8L], sheet.ReadRows(5).Select(r => r.Line));
        }
        finally { File.Delete(xlsx); }
    }

    [Fact]
    public void Settlement_list_is_a_document_and_is_not_loaded_as_a_code_table()
    {
        var e = Assert.Throws<NotSupportedException>(() => CodeTableFeed.For(CodingStandards.Get("settlement-list"), "lists.csv"));
        Assert.Contains("document", e.Message);
    }

    [Fact]
    public void Other_file_types_are_refused_by_name()
    {
        var e = Assert.Throws<NotSupportedException>(() => CodeTableFeed.FormatOf("drugs.xls"));
        Assert.Contains("drugs.xls", e.Message);
    }
}
