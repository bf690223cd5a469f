using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using ConfluentSchema = Confluent.SchemaRegistry.Schema;
using AvroSchema = Avro.Schema;

namespace DataHub.Tests.Registry;

/// <summary>The stock Confluent client and Avro serdes (2.16) against the embedded registry.</summary>
public sealed class EmbeddedSchemaRegistryClientTests : IAsyncLifetime
{
    private const string PersonV1 = """
        {"type":"record","name":"Person","namespace":"cn.datahub.test","fields":[
          {"name":"residentId","type":"string"},
          {"name":"sex","type":"string"},
          {"name":"name","type":["null","string"],"default":null}]}
        """;

    private readonly RegistryFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private CachedSchemaRegistryClient NewClient() => new(new SchemaRegistryConfig { Url = _fixture.Registry.Url, MaxRetries = 1 });

    private static ConfluentSchema Avro(string text) => new(text, SchemaType.Avro);

    [Fact]
    public async Task Serializer_auto_registers_and_deserializer_reads_back_the_same_record()
    {
        using var client = NewClient();
        var schema = (RecordSchema)AvroSchema.Parse(PersonV1);
        var record = new GenericRecord(schema);
        record.Add("residentId", "11010519491231002X");
        record.Add("sex", "2");
        record.Add("name", "王芳");
        var context = new SerializationContext(MessageComponentType.Value, "mi.household.person.v1");

        var bytes = await new AvroSerializer<GenericRecord>(client, new AvroSerializerConfig { AutoRegisterSchemas = true })
            .SerializeAsync(record, context);
        var back = await new AvroDeserializer<GenericRecord>(client).DeserializeAsync(bytes, isNull: false, context);

        Assert.Equal(0, bytes[0]); // Confluent wire format: magic byte, then the 4-byte schema id
        Assert.Equal(["mi.household.person.v1-value"], await client.GetAllSubjectsAsync());
        Assert.Equal(await client.GetSchemaIdAsync("mi.household.person.v1-value", Avro(PersonV1)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)));
        foreach (var field in schema.Fields) Assert.Equal(record[field.Name], back[field.Name]);
        Assert.Contains(_fixture.Requests, r => r.StartsWith("POST /subjects/mi.household.person.v1-value/versions", StringComparison.Ordinal));
        // 2.16's default subject-name strategy asks for topic associations first; the answer must be served.
        Assert.Contains(_fixture.Requests, r => r.StartsWith("GET /associations/resources/-/mi.household.person.v1", StringComparison.Ordinal));
        Assert.Empty(_fixture.UnservedRequests);
    }

    [Fact]
    public async Task Compatibility_check_explains_itself_when_verbose()
    {
        using (var client = NewClient()) await client.RegisterSchemaAsync("p-value", Avro(PersonV1));
        using var http = new HttpClient { BaseAddress = new Uri(_fixture.Registry.Url) };
        var changed = PersonV1.Replace("""{"name":"sex","type":"string"}""", """{"name":"sex","type":"int"}""");
        var body = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { schema = changed }));
        body.Headers.ContentType = new("application/vnd.schemaregistry.v1+json");

        using var response = await http.PostAsync("compatibility/subjects/p-value/versions/latest?verbose=true", body);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/vnd.schemaregistry.v1+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(json.RootElement.GetProperty("is_compatible").GetBoolean());
        Assert.Equal("field 'cn.datahub.test.Person.sex': type changed from string to int",
            Assert.Single(json.RootElement.GetProperty("messages").EnumerateArray()).GetString());
        Assert.Equal("{}", await http.GetStringAsync(""));
        using var missing = await http.GetAsync("subjects/p-value/versions/7");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"error_code\":40402", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_schema_gets_the_same_id_under_any_subject_and_formatting()
    {
        using var client = NewClient();
        var first = await client.RegisterSchemaAsync("a-value", Avro(PersonV1));
        var again = await client.RegisterSchemaAsync("a-value", Avro(PersonV1));
        var reformatted = await client.RegisterSchemaAsync("b-value", Avro(PersonV1.Replace("\n", " ").Replace("  ", " ")));
        var other = await client.RegisterSchemaAsync("b-value", Avro(PersonV1.Replace("\"default\":null}", "\"default\":null},{\"name\":\"age\",\"type\":\"int\",\"default\":0}")));

        Assert.Equal(first, again);
        Assert.Equal(first, reformatted);
        Assert.NotEqual(first, other);
        Assert.Equal([1], await client.GetSubjectVersionsAsync("a-value"));
        Assert.Equal([1, 2], await client.GetSubjectVersionsAsync("b-value"));
    }

    [Fact]
    public async Task Ids_survive_a_restart_on_the_same_store()
    {
        int id;
        using (var client = NewClient()) id = await client.RegisterSchemaAsync("p-value", Avro(PersonV1));

        await _fixture.RestartAsync();

        using var after = NewClient();
        var fetched = await after.GetSchemaAsync(id);
        Assert.Equal(AvroSchema.Parse(PersonV1).ToString(), AvroSchema.Parse(fetched.SchemaString).ToString());
        Assert.Equal(id, await after.RegisterSchemaAsync("p-value", Avro(PersonV1)));
        Assert.Equal(id, (await after.GetLatestSchemaAsync("p-value")).Id);
    }

    [Fact]
    public async Task An_incompatible_version_is_refused_naming_the_field()
    {
        using var client = NewClient();
        await client.RegisterSchemaAsync("p-value", Avro(PersonV1));
        var changed = PersonV1.Replace("""{"name":"sex","type":"string"}""", """{"name":"sex","type":"int"}""");

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("p-value", Avro(changed)));

        Assert.Equal(409, error.ErrorCode);
        Assert.Contains("field 'cn.datahub.test.Person.sex': type changed from string to int", error.Message);
        Assert.Equal([1], await client.GetSubjectVersionsAsync("p-value"));
    }

    [Fact]
    public async Task Latest_subjects_and_compatibility_queries_work()
    {
        using var client = NewClient();
        var v2Text = PersonV1.Replace("\"default\":null}", "\"default\":null},{\"name\":\"division\",\"type\":\"string\",\"default\":\"000000\"}");
        await client.RegisterSchemaAsync("p-value", Avro(PersonV1));
        var v2 = await client.RegisterSchemaAsync("p-value", Avro(v2Text));
        await client.RegisterSchemaAsync("q-value", Avro(PersonV1));

        var latest = await client.GetLatestSchemaAsync("p-value");
        Assert.Equal((2, v2, "p-value"), (latest.Version, latest.Id, latest.Subject));
        Assert.Equal(["p-value", "q-value"], (await client.GetAllSubjectsAsync()).Order());
        Assert.True(await client.IsCompatibleAsync("p-value", Avro(v2Text.Replace("\"default\":\"000000\"", "\"default\":\"110000\""))));
        Assert.False(await client.IsCompatibleAsync("p-value", Avro(v2Text.Replace("{\"name\":\"residentId\",\"type\":\"string\"},", ""). Replace("\"sex\",\"type\":\"string\"", "\"sex\",\"type\":\"long\""))));
        Assert.Equal(1, (await client.GetRegisteredSchemaAsync("p-value", 1)).Version);
        Assert.Equal(2, (await client.LookupSchemaAsync("p-value", Avro(v2Text), ignoreDeletedSchemas: true)).Version);
    }

    [Fact]
    public async Task Compatibility_level_can_be_set_per_subject()
    {
        using var client = NewClient();
        await client.RegisterSchemaAsync("p-value", Avro(PersonV1));
        var changed = PersonV1.Replace("""{"name":"sex","type":"string"}""", """{"name":"sex","type":"int"}""");

        Assert.Equal(Compatibility.Backward, await client.GetCompatibilityAsync());
        Assert.Equal(Compatibility.None, await client.UpdateCompatibilityAsync(Compatibility.None, "p-value"));
        Assert.Equal(Compatibility.None, await client.GetCompatibilityAsync("p-value"));
        await client.RegisterSchemaAsync("p-value", Avro(changed));
        Assert.Equal([1, 2], await client.GetSubjectVersionsAsync("p-value"));
        Assert.Empty(_fixture.UnservedRequests);
    }

    [Fact]
    public async Task Unknown_subject_and_non_avro_schemas_are_refused_with_confluent_codes()
    {
        using var client = NewClient();
        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetLatestSchemaAsync("nobody-value"));
        Assert.Equal(40401, missing.ErrorCode);
        var json = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            client.RegisterSchemaAsync("j-value", new ConfluentSchema("""{"type":"object"}""", SchemaType.Json)));
        Assert.Equal(42201, json.ErrorCode);
        Assert.Contains("AVRO only", json.Message);
        var broken = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("b-value", Avro("""{"type":"record"}""")));
        Assert.Equal(42201, broken.ErrorCode);
    }
}
