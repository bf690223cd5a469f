using Avro;
using DataHub.Schemas.Avro;

namespace DataHub.Tests.Contracts;

/// <summary>Every schema a feed can publish to starts with the same origin field, in the shape the hub writes and reads back.</summary>
public class OriginFieldTests
{
    /// <summary>Written by their own runners (gap events, e-invoice events, feed-work requests), not through a feed.</summary>
    private static readonly string[] WithoutOrigin = ["reconciliation/", "invoice/", "hub/"];

    public static TheoryData<string> FeedSchemas() => new(SchemaCatalog.Names.Where(n => !WithoutOrigin.Any(n.StartsWith)));

    [Theory]
    [MemberData(nameof(FeedSchemas))]
    public void A_feed_schema_leads_off_with_the_origin_as_the_dead_letter_schema_defines_it(string name)
    {
        var schema = SchemaCatalog.Get(name);
        Assert.Null(OriginField.Problem(schema));
        var reference = SchemaCatalog.Get("common/dead-letter").Fields[0];
        Assert.Equal(reference.Schema.ToString(), schema.Fields[0].Schema.ToString());
        Assert.Equal(reference.Documentation, schema.Fields[0].Documentation);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, schema.Fields[0].DefaultValue?.Type);
    }

    [Fact]
    public void The_check_names_what_is_wrong_with_a_schema_whose_origin_has_the_wrong_shape()
    {
        var schema = (RecordSchema)Schema.Parse("""
            {"type":"record","name":"T","namespace":"cn.datahub.test","fields":[
              {"name":"origin","type":["null",{"type":"record","name":"Origin","namespace":"cn.datahub.common","fields":[
                {"name":"feed","type":"string"},{"name":"source","type":"string"},{"name":"line","type":"long"}]}],"default":null}]}
            """);
        Assert.Contains("must start with the field 'origin'", OriginField.Problem(schema));
    }

    [Fact]
    public void A_file_source_id_is_its_content_hash_prefix_and_a_table_gets_one_of_its_own()
    {
        Assert.Equal("0123456789abcdef", OriginField.SourceIdOf("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
        var people = OriginField.SourceIdOf("sql:sqlite:people");
        Assert.Matches("^[0-9a-f]{16}$", people);
        Assert.NotEqual(people, OriginField.SourceIdOf("sql:sqlite:pupils"));
        Assert.Equal(people, OriginField.SourceIdOf("sql:sqlite:people"));
    }

    [Fact]
    public void Reading_the_origin_refuses_values_that_are_not_wire_format_or_carry_a_null_origin()
    {
        Assert.False(RecordOrigin.TryRead([1, 0, 0, 0, 1, 2], out _));     // not magic byte 0
        Assert.False(RecordOrigin.TryRead([0, 0, 0, 0, 1, 0], out _));     // union branch 0: null origin
        Assert.False(RecordOrigin.TryRead([0, 0, 0, 0, 1, 2, 40], out _)); // a string longer than the value
        Assert.Equal(1, RecordOrigin.SchemaIdOf([0, 0, 0, 0, 1]));
        Assert.Equal(-1, RecordOrigin.SchemaIdOf([0, 0, 0]));
    }
}
