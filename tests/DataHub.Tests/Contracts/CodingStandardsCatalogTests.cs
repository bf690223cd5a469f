using DataHub.Tests.Support;
using Avro;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Codes;
using DataHub.Schemas.Reference;

namespace DataHub.Tests.Contracts;

/// <summary>Each of the 15 coding standards has a definition, a schema, a valid sample table and tests.</summary>
public class CodingStandardsCatalogTests
{
    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var s in CodingStandards.All) data.Add(s.Key);
        return data;
    }

    [Fact]
    public void All_15_standards_are_defined_and_standard_1_has_diagnosis_and_operation_tables()
    {
        Assert.Equal(Enumerable.Range(1, 15), CodingStandards.All.Select(s => s.Id).Distinct().Order());
        Assert.Equal(["diagnosis", "operation"], CodingStandards.ById(1).Select(s => s.Key).Order());
        Assert.All(Enumerable.Range(2, 14), id => Assert.Single(CodingStandards.ById(id)));
        Assert.Equal(CodingStandardKind.Document, CodingStandards.Get("settlement-list").Kind);
        Assert.Equal(CodingStandards.All.Count, CodingStandards.All.Select(s => s.Key).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_standard_has_a_parsing_schema_with_its_code_field_and_parent_code_when_hierarchical(string key)
    {
        var standard = CodingStandards.Get(key);
        var schema = SchemaCatalog.Get(standard.Schema);
        Assert.Equal("cn.datahub.codes", schema.Namespace);
        Assert.True(schema.Contains(standard.CodeField), $"{standard.Schema} has no field '{standard.CodeField}'");
        Assert.Equal(Schema.Type.String, schema[standard.CodeField].Schema.Tag);
        Assert.Equal(standard.Hierarchical, schema.Contains("parentCode"));
        Assert.Equal($"mi.codes.{key}.v1", standard.Topic);
        Assert.False(string.IsNullOrWhiteSpace(standard.NameZh) || string.IsNullOrWhiteSpace(standard.NameEn));
        if (standard.Kind == CodingStandardKind.CodeTable)
            foreach (var field in new[] { "code", "name", "version", "validFrom", "validTo" })
                Assert.True(schema.Contains(field), $"{standard.Schema} lacks '{field}'");
        if (standard.Provisional) Assert.False(string.IsNullOrWhiteSpace(standard.Note), $"{key} is provisional without a note");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_standard_has_a_sample_table_whose_header_is_the_schema_and_whose_codes_all_pass(string key)
    {
        var standard = CodingStandards.Get(key);
        var path = RepoPaths.SampleCodeTable(key);
        Assert.True(File.Exists(path), $"missing sample {path}");
        var sample = SampleTable.Read(path);
        Assert.InRange(sample.Rows.Count, 10, 30);

        var schema = SchemaCatalog.Get(standard.Schema);
        var scalarFields = schema.Fields.Where(f => f.Schema.Tag != Schema.Type.Array && f.Name != OriginField.Name).Select(f => f.Name).ToList();
        Assert.Equal(scalarFields, sample.Header);

        var validator = new CodeValidator(standard, DivisionTable.Default);
        var codes = sample.Column(standard.CodeField).ToList();
        Assert.All(codes, code => Assert.True(validator.Check(code).IsValid, validator.Check(code).Error));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        if (standard.Kind == CodingStandardKind.CodeTable)
        {
            var table = CodeTable.ReadCsvFile(standard, path);
            Assert.Equal(codes.Count, table.Count);
        }
        if (standard.Hierarchical)
        {
            // Parent codes, where given, are codes of the same standard (not necessarily in the sample).
            foreach (var parent in sample.Column("parentCode").Where(p => p.Length > 0))
                Assert.True(CodeValidator.CheckFormat(standard, parent).IsValid, CodeValidator.CheckFormat(standard, parent).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_standard_has_examples_that_pass_and_fail_for_the_named_reason(string key)
    {
        Assert.True(StandardExamples.ByKey.TryGetValue(key, out var examples), $"no examples for standard '{key}'");
        var validator = new CodeValidator(CodingStandards.Get(key), DivisionTable.Default);
        Assert.NotEmpty(examples.Valid);
        Assert.NotEmpty(examples.Invalid);
        foreach (var code in examples.Valid) Assert.True(validator.Check(code).IsValid, validator.Check(code).Error);
        foreach (var (code, fault) in examples.Invalid)
        {
            var check = validator.Check(code);
            Assert.False(check.IsValid, $"{key}: '{code}' should fail ({fault})");
            Assert.Contains(fault, check.Error);
            Assert.Contains($"标准{validator.Standard.Id}", check.Error);
            Assert.Contains(key, check.Error);
        }
    }

    [Fact]
    public void Examples_cover_exactly_the_defined_standards() =>
        Assert.Equal(CodingStandards.All.Select(s => s.Key).Order(), StandardExamples.ByKey.Keys.Order());
}
