using DataHub.Hub.Codes;
using DataHub.Hub.Hosting;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Topics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataHub.Tests.Codes;

/// <summary>`codes load` on the embedded cluster, registry and a temporary store; topics read back like a subscriber.</summary>
public sealed class CodesLoadTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "datahub-codes-" + Guid.NewGuid().ToString("N"));
    private HubRuntime _runtime = null!;

    public async Task InitializeAsync() =>
        _runtime = await HubRuntime.StartAsync(Options.Create(new DataHubOptions { DataDirectory = _directory }),
            Options.Create(new KafkaOptions { EmbeddedBrokers = 1 }), Options.Create(new SchemaRegistryOptions()),
            Options.Create(new StoreOptions()), NullLoggerFactory.Instance);

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private CodeTableLoader Loader() =>
        new(new FeedRunner(_runtime.Kafka, _runtime.Registry, _runtime.FeedState, NullLogger<FeedRunner>.Instance));

    private List<DecodedRecord> Read(string topic) =>
        TopicReader.ReadToEnd(_runtime.Kafka, _runtime.Registry, topic, $"codes-test-{Guid.NewGuid():N}", TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Loading_a_table_with_two_bad_rows_publishes_the_good_ones_by_code_and_dead_letters_the_two_with_reasons()
    {
        var file = CodeTableFixtures.InstitutionWithTwoBadRows;
        var result = await Loader().LoadAsync("institution", file);

        Assert.Equal((7L, 5L, 2L), (result.Read, result.Published, result.DeadLettered));
        var codes = Read("mi.codes.institution.v1");
        Assert.Equal(["H32010204712", "H32010409814", "H32010604302", "H32011507616", "H36011107693"], codes.Select(r => r.Key).Order());
        Assert.All(codes, r => Assert.Equal(r.Key, r.Value["code"]));
        Assert.Equal("玄武区第一人民医院", codes.Single(r => r.Key == "H32010204712").Value["name"]);

        var deadLetters = Read(TopicCatalog.DeadLetters).Where(r => (string)r.Value["feed"] == "codes.institution")
            .OrderBy(r => (long)r.Value["line"]).ToList();
        Assert.Equal(2, deadLetters.Count);
        Assert.All(deadLetters, d => Assert.Equal(Path.GetFileName(file), d.Value["source"]));
        Assert.Equal((4L, "code"), ((long)deadLetters[0].Value["line"], (string)deadLetters[0].Value["field"]));
        Assert.Contains("embeds 990102", (string)deadLetters[0].Value["reason"]);
        Assert.Equal((7L, "validTo"), ((long)deadLetters[1].Value["line"], (string)deadLetters[1].Value["field"]));
        Assert.Contains("before validFrom", (string)deadLetters[1].Value["reason"]);

        var stored = await _runtime.FeedState.DeadLettersAsync("codes.institution", 10);
        Assert.Equal([4L, 7L], stored.Select(d => d.Line).Order());
        Assert.All(stored, d => Assert.Equal("mi.codes.institution.v1", d.TargetTopic));

        var again = await Loader().LoadAsync("institution", file);
        Assert.Equal(0, again.Published);
        Assert.Equal(1, again.SkippedSources);
    }

    [Fact]
    public async Task Loading_an_xlsx_table_publishes_like_the_csv()
    {
        var xlsx = CodeTableFixtures.ToXlsx(CodeTableFixtures.InstitutionWithTwoBadRows, Path.Combine(_directory, "institutions.xlsx"));
        var result = await Loader().LoadAsync("institution", xlsx);
        Assert.Equal((7L, 5L, 2L), (result.Read, result.Published, result.DeadLettered));
        var codes = Read("mi.codes.institution.v1");
        Assert.Equal(5, codes.Count);
        Assert.All(codes, r => Assert.Equal(new DateTime(2021, 1, 1), r.Value["validFrom"]));
    }
}
