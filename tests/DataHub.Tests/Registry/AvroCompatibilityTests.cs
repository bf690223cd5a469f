using Avro;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Avro.Compatibility;

namespace DataHub.Tests.Registry;

public sealed class AvroCompatibilityTests
{
    private const string Ns = "cn.datahub.test";

    private static Schema Record(string fields, string name = "Person", string extra = "") =>
        Schema.Parse($$"""{"type":"record","name":"{{name}}","namespace":"{{Ns}}"{{extra}},"fields":[{{fields}}]}""");

    private static CompatibilityResult Backward(Schema newer, Schema older) => AvroCompatibility.Check(newer, [older], CompatibilityLevel.Backward);

    private static readonly Schema Base = Record("""{"name":"id","type":"string"},{"name":"age","type":"int"}""");

    [Fact]
    public void Identical_schemas_are_compatible() => Assert.True(Backward(Base, Base).IsCompatible);

    [Fact]
    public void Removing_a_field_is_backward_compatible() =>
        Assert.True(Backward(Record("""{"name":"id","type":"string"}"""), Base).IsCompatible);

    [Fact]
    public void Adding_a_field_with_a_default_is_backward_compatible() =>
        Assert.True(Backward(Record("""{"name":"id","type":"string"},{"name":"age","type":"int"},{"name":"nick","type":["null","string"],"default":null}"""), Base).IsCompatible);

    [Fact]
    public void Adding_a_field_without_a_default_is_not()
    {
        var result = Backward(Record("""{"name":"id","type":"string"},{"name":"age","type":"int"},{"name":"nick","type":"string"}"""), Base);
        Assert.Equal(["field 'cn.datahub.test.Person.nick' was added without a default"], result.Messages);
    }

    [Fact]
    public void Changing_a_type_names_the_field()
    {
        var result = Backward(Record("""{"name":"id","type":"int"},{"name":"age","type":"int"}"""), Base);
        Assert.Equal(["field 'cn.datahub.test.Person.id': type changed from string to int"], result.Messages);
    }

    [Fact]
    public void Every_incompatibility_is_listed()
    {
        var result = Backward(Record("""{"name":"id","type":"int"},{"name":"age","type":"string"},{"name":"x","type":"long"}"""), Base);
        Assert.Equal(3, result.Messages.Count);
    }

    [Theory]
    [InlineData("int", "long")]
    [InlineData("int", "float")]
    [InlineData("int", "double")]
    [InlineData("long", "float")]
    [InlineData("long", "double")]
    [InlineData("float", "double")]
    [InlineData("string", "bytes")]
    [InlineData("bytes", "string")]
    public void Allowed_promotions_are_compatible(string from, string to) =>
        Assert.True(Backward(Record($$"""{"name":"v","type":"{{to}}"}"""), Record($$"""{"name":"v","type":"{{from}}"}""")).IsCompatible);

    [Theory]
    [InlineData("long", "int")]
    [InlineData("double", "float")]
    [InlineData("float", "long")]
    [InlineData("string", "int")]
    [InlineData("boolean", "int")]
    public void Narrowing_is_refused(string from, string to)
    {
        var result = Backward(Record($$"""{"name":"v","type":"{{to}}"}"""), Record($$"""{"name":"v","type":"{{from}}"}"""));
        Assert.Equal([$"field 'cn.datahub.test.Person.v': type changed from {from} to {to}"], result.Messages);
    }

    [Fact]
    public void A_field_alias_matches_the_old_name() =>
        Assert.True(Backward(Record("""{"name":"identifier","aliases":["id"],"type":"string"},{"name":"age","type":"int"}"""), Base).IsCompatible);

    [Fact]
    public void A_renamed_field_without_alias_or_default_is_refused() =>
        Assert.Contains("field 'cn.datahub.test.Person.identifier' was added without a default",
            Backward(Record("""{"name":"identifier","type":"string"},{"name":"age","type":"int"}"""), Base).Messages);

    private static Schema Enum(string symbols, string extra = "") =>
        Record($$$"""{"name":"sex","type":{"type":"enum","name":"Sex","symbols":[{{{symbols}}}]{{{extra}}}}}""");

    [Fact]
    public void Adding_an_enum_symbol_is_backward_compatible() => Assert.True(Backward(Enum("\"M\",\"F\",\"U\""), Enum("\"M\",\"F\"")).IsCompatible);

    [Fact]
    public void Removing_an_enum_symbol_is_refused()
    {
        var result = Backward(Enum("\"M\",\"F\""), Enum("\"M\",\"F\",\"U\""));
        Assert.Equal(["field 'cn.datahub.test.Person.sex': enum cn.datahub.test.Sex symbol 'U' was removed and the new enum has no default"], result.Messages);
    }

    [Fact]
    public void Removing_an_enum_symbol_is_fine_when_the_reader_enum_has_a_default() =>
        Assert.True(Backward(Enum("\"M\",\"F\",\"X\"", ",\"default\":\"X\""), Enum("\"M\",\"F\",\"U\"")).IsCompatible);

    [Fact]
    public void Union_widening_is_backward_compatible()
    {
        Assert.True(Backward(Record("""{"name":"v","type":["null","string","int"]}"""), Record("""{"name":"v","type":["null","string"]}""")).IsCompatible);
        Assert.True(Backward(Record("""{"name":"v","type":["null","string"]}"""), Record("""{"name":"v","type":"string"}""")).IsCompatible);
    }

    [Fact]
    public void Union_narrowing_is_refused()
    {
        var result = Backward(Record("""{"name":"v","type":["null","string"]}"""), Record("""{"name":"v","type":["null","string","int"]}"""));
        Assert.Equal(["field 'cn.datahub.test.Person.v': union branch int was removed (the new type [null, string] cannot read it)"], result.Messages);
        Assert.False(Backward(Record("""{"name":"v","type":"string"}"""), Record("""{"name":"v","type":["null","string"]}""")).IsCompatible);
    }

    [Fact]
    public void Fixed_size_and_named_type_names_must_match()
    {
        Schema Fixed(string name, int size) => Record($$$"""{"name":"h","type":{"type":"fixed","name":"{{{name}}}","size":{{{size}}}}}""");
        Assert.True(Backward(Fixed("Hash", 16), Fixed("Hash", 16)).IsCompatible);
        Assert.Equal(["field 'cn.datahub.test.Person.h': fixed cn.datahub.test.Hash size changed from 16 to 32"], Backward(Fixed("Hash", 32), Fixed("Hash", 16)).Messages);
        Assert.Equal(["field 'cn.datahub.test.Person.h': type name changed from cn.datahub.test.Hash to cn.datahub.test.Digest"], Backward(Fixed("Digest", 16), Fixed("Hash", 16)).Messages);
    }

    [Fact]
    public void Record_name_may_change_through_an_alias()
    {
        var renamed = Record("""{"name":"id","type":"string"},{"name":"age","type":"int"}""", "Resident", ""","aliases":["Person"]""");
        Assert.True(Backward(renamed, Base).IsCompatible);
        Assert.False(Backward(Record("""{"name":"id","type":"string"},{"name":"age","type":"int"}""", "Resident"), Base).IsCompatible);
    }

    [Fact]
    public void Arrays_and_maps_are_checked_recursively()
    {
        Assert.True(Backward(Record("""{"name":"a","type":{"type":"array","items":"long"}}"""), Record("""{"name":"a","type":{"type":"array","items":"int"}}""")).IsCompatible);
        Assert.Equal(["field 'cn.datahub.test.Person.m{}': type changed from long to int"],
            Backward(Record("""{"name":"m","type":{"type":"map","values":"int"}}"""), Record("""{"name":"m","type":{"type":"map","values":"long"}}""")).Messages);
    }

    [Fact]
    public void Nested_record_fields_are_named_by_their_record()
    {
        Schema Outer(string innerType) => Record($$$"""{"name":"addr","type":{"type":"record","name":"Address","fields":[{"name":"zip","type":"{{{innerType}}}"}]}}""");
        Assert.Equal(["field 'cn.datahub.test.Address.zip': type changed from int to string"], Backward(Outer("string"), Outer("int")).Messages);
    }

    [Fact]
    public void Recursive_schemas_terminate()
    {
        var node = Schema.Parse("""{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"],"default":null}]}""");
        Assert.True(Backward(node, node).IsCompatible);
    }

    [Fact]
    public void Logical_types_resolve_by_their_underlying_type() =>
        Assert.True(Backward(Record("""{"name":"d","type":{"type":"long","logicalType":"timestamp-millis"}}"""),
            Record("""{"name":"d","type":{"type":"int","logicalType":"date"}}""")).IsCompatible);

    [Fact]
    public void Forward_checks_that_the_old_schema_reads_new_data()
    {
        var withDefaultlessField = Record("""{"name":"id","type":"string"},{"name":"age","type":"int"},{"name":"nick","type":"string"}""");
        Assert.True(AvroCompatibility.Check(withDefaultlessField, [Base], CompatibilityLevel.Forward).IsCompatible);
        var removed = AvroCompatibility.Check(Record("""{"name":"id","type":"string"}"""), [Base], CompatibilityLevel.Forward);
        Assert.Equal(["field 'cn.datahub.test.Person.age' was removed, and the old schema has no default for it"], removed.Messages);
        Assert.False(AvroCompatibility.Check(Record("""{"name":"id","type":"string"}"""), [Base], CompatibilityLevel.Full).IsCompatible);
        Assert.True(AvroCompatibility.Check(Record("""{"name":"id","type":"string"}"""), [Base], CompatibilityLevel.Backward).IsCompatible);
    }

    [Fact]
    public void Transitive_levels_check_every_earlier_version()
    {
        var v1 = Record("""{"name":"id","type":"string"}""");
        var v2 = Record("""{"name":"id","type":"string"},{"name":"age","type":"int","default":0}""");
        var v3 = Record("""{"name":"id","type":"string"},{"name":"age","type":"int"}""");
        Assert.True(AvroCompatibility.Check(v3, [v1, v2], CompatibilityLevel.Backward).IsCompatible);
        Assert.Equal(["field 'cn.datahub.test.Person.age' was added without a default"],
            AvroCompatibility.Check(v3, [v1, v2], CompatibilityLevel.BackwardTransitive).Messages);
    }

    [Fact]
    public void None_accepts_anything() =>
        Assert.True(AvroCompatibility.Check(Record("""{"name":"id","type":"int"}"""), [Base], CompatibilityLevel.None).IsCompatible);

    [Fact]
    public void Birth_registration_sex_change_is_reported_with_its_full_path()
    {
        var text = DataHub.Schemas.Avro.SchemaCatalog.Text("household/birth-registration");
        var changed = text.Replace("""{ "name": "sex", "type": "string",""", """{ "name": "sex", "type": "int",""", StringComparison.Ordinal);
        Assert.NotEqual(text, changed);
        Assert.Contains("field 'cn.datahub.household.BirthRegistration.sex': type changed from string to int",
            AvroCompatibility.Check(changed, [text], CompatibilityLevel.Backward).Messages);
    }

    [Theory]
    [InlineData("BACKWARD", CompatibilityLevel.Backward)]
    [InlineData("full_transitive", CompatibilityLevel.FullTransitive)]
    [InlineData("NONE", CompatibilityLevel.None)]
    public void Levels_parse_from_their_wire_names(string text, CompatibilityLevel expected)
    {
        Assert.Equal(expected, CompatibilityLevels.Parse(text));
        Assert.Equal(text.ToUpperInvariant(), expected.ToWireName());
    }

    [Fact]
    public void Unknown_level_is_rejected() => Assert.False(CompatibilityLevels.TryParse("SIDEWAYS", out _));
}
