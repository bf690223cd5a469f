using System.Numerics;
using Avro;
using Avro.Generic;
using Confluent.SchemaRegistry;
using Schema = Avro.Schema;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Avro;
using DataHub.Tests.Registry;

namespace DataHub.Tests.Pipeline;

/// <summary>The compiled encoder writes exactly the bytes of the stock Confluent AvroSerializer (the reference), for every schema in the catalog.</summary>
public sealed class CompiledAvroEncoderTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    public static TheoryData<string> Schemas => new(SchemaCatalog.Names);

    public static TheoryData<string> FeedSchemas => new(SchemaCatalog.Names.Where(n => OriginField.LeadsOff(SchemaCatalog.Get(n))));

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task The_compiled_writer_writes_the_same_bytes_as_the_stock_serializer(string name)
    {
        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = fixture.Registry.Url });
        var schema = SchemaCatalog.Get(name);
        var topic = "compiled-writer-" + name.Replace('/', '.');
        var reference = new AvroRecordEncoder(registry, schema, topic);
        var id = await registry.RegisterSchemaAsync($"{topic}-value", new Confluent.SchemaRegistry.Schema(schema.ToString(), SchemaType.Avro), normalize: false);
        var write = DataHub.Hub.Avro.CompiledAvroWriter.ForRecordValues(schema);
        var buffer = new DataHub.Hub.Avro.AvroBuffer();
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        for (var i = 0; i < 300; i++)
        {
            var values = schema.Fields.Select(f => RandomValue(f.Schema, random)).ToArray();
            buffer.Reset();
            buffer.WriteConfluentHeader(id);
            write(buffer, values);
            Assert.Equal(reference.Encode(values, topic), buffer.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(FeedSchemas))]
    public async Task The_feed_encoder_stamps_the_origin_as_the_stock_serializer_writes_it(string name)
    {
        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = fixture.Registry.Url });
        var schema = SchemaCatalog.Get(name);
        var topic = "compiled-" + name.Replace('/', '.');
        var reference = new AvroRecordEncoder(registry, schema, topic);
        var compiled = await CompiledAvroEncoder.CreateAsync(registry, schema, topic);
        var origin = new SourceOrigin("test.feed-" + name, "来源 file.csv", new string('a', 64));
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        for (var i = 0; i < 300; i++)
        {
            var values = schema.Fields.Select(f => RandomValue(f.Schema, random)).ToArray();
            var line = random.NextInt64(1, long.MaxValue >> random.Next(63));
            var expected = reference.Encode(values, origin, line);
            var actual = compiled.Encode(values, origin, line);
            Assert.Equal(expected, actual);
            Assert.True(RecordOrigin.TryRead(actual, out var read));
            Assert.Equal(new RecordOrigin(origin.Feed, origin.Source, "aaaaaaaaaaaaaaaa", line), read);
        }
    }

    [Fact]
    public async Task A_schema_without_the_origin_field_is_refused_for_feeds()
    {
        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = fixture.Registry.Url });
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            CompiledAvroEncoder.CreateAsync(registry, SchemaCatalog.Get("reconciliation/gap-event"), "compiled-no-origin"));
        Assert.Contains("must start with the field 'origin'", error.Message);
    }

    [Fact]
    public async Task A_decimal_with_the_wrong_scale_is_refused_like_the_stock_serializer()
    {
        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = fixture.Registry.Url });
        var schema = SchemaCatalog.Get("tax/contribution");
        var compiled = await CompiledAvroEncoder.CreateAsync(registry, schema, "compiled-scale");
        var values = schema.Fields.Select(f => RandomValue(f.Schema, new Random(1))).ToArray();
        values[schema.Fields.Single(f => f.Name == "amount").Pos] = new AvroDecimal(new BigInteger(12345), 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => compiled.Encode(values, new SourceOrigin("f", "s", "k"), 1));
    }

    private static object? RandomValue(Schema schema, Random random) => schema switch
    {
        UnionSchema u => random.Next(4) == 0 && u.Schemas.Any(s => s.Tag == Schema.Type.Null)
            ? null : RandomValue(u.Schemas.First(s => s.Tag != Schema.Type.Null), random),
        LogicalSchema { LogicalTypeName: "date" } => new DateTime(1900, 1, 1).AddDays(random.Next(80_000)).AddMinutes(random.Next(1440)),
        LogicalSchema { LogicalTypeName: "timestamp-millis" } => new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(random.NextInt64(0, 4_000_000_000_000_000)),
        LogicalSchema { LogicalTypeName: "decimal" } l => new AvroDecimal(new BigInteger(random.NextInt64(-1_000_000_000_000, 1_000_000_000_000)) * (random.Next(2) == 0 ? 1 : 1000),
            int.Parse(l.GetProperty("scale") ?? "0")),
        PrimitiveSchema { Tag: Schema.Type.String } => RandomText(random),
        PrimitiveSchema { Tag: Schema.Type.Int } => random.Next(int.MinValue, int.MaxValue),
        PrimitiveSchema { Tag: Schema.Type.Long } => random.NextInt64(long.MinValue, long.MaxValue),
        PrimitiveSchema { Tag: Schema.Type.Boolean } => random.Next(2) == 0,
        PrimitiveSchema { Tag: Schema.Type.Double } => random.NextDouble() * 1e6 - 5e5,
        PrimitiveSchema { Tag: Schema.Type.Float } => (float)(random.NextDouble() * 1e3),
        PrimitiveSchema { Tag: Schema.Type.Bytes } => Enumerable.Range(0, random.Next(20)).Select(_ => (byte)random.Next(256)).ToArray(),
        ArraySchema a => Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(a.ItemSchema, random)).ToArray(),
        RecordSchema r => RandomRecord(r, random),
        _ => throw new NotSupportedException($"no random values for {schema.Tag}"),
    };

    private static GenericRecord RandomRecord(RecordSchema schema, Random random)
    {
        var record = new GenericRecord(schema);
        foreach (var f in schema.Fields) record.Add(f.Name, RandomValue(f.Schema, random));
        return record;
    }

    private static string RandomText(Random random)
    {
        const string alphabet = "0123456789ABCXYZabc 医保参保缴费北京市海淀区-_/.é😀";
        var length = random.Next(0, 40);
        var chars = new List<char>();
        for (var i = 0; i < length; i++)
        {
            var c = alphabet[random.Next(alphabet.Length)];
            if (char.IsSurrogate(c)) { chars.AddRange("😀"); continue; }
            chars.Add(c);
        }
        return new string(chars.ToArray());
    }
}
