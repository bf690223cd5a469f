using DataHub.Hub.Kafka;
using DataHub.Schemas.Avro;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Topics;
using DataHub.Tests.Support;

namespace DataHub.Tests.Pipeline;

/// <summary>The births feed end to end on the embedded cluster, registry and store.</summary>
public sealed class BirthsFeedEndToEndTests
{
    private const string BirthsFeed = "public-security/births.yaml";

    [Fact]
    public async Task Shipped_sample_is_read_back_by_a_separate_consumer_group_and_every_record_decodes()
    {
        await using var hub = await HubHarness.StartAsync();
        var feed = ShippedFeeds.Load(BirthsFeed);
        var result = await hub.NewRunner().RunAsync(feed, SourceFiles.Resolve(feed), "test");

        var births = hub.ReadTopic(TopicCatalog.Births);
        Assert.Equal(result.Published, births.Count);
        Assert.Equal(197, births.Count);
        foreach (var record in births)
        {
            var id = (string)record.Value["residentId"];
            Assert.True(ResidentId.Check(id).IsValid, $"{id} should be a valid ID");
            Assert.Equal(id, record.Key);
            Assert.Equal("public-security.births", record.Origin!.Feed);
            Assert.IsType<DateTime>(record.Value["birthDate"]);
            Assert.Contains((string)record.Value["sex"], new[] { "1", "2" });
        }
        Assert.Equal(births.Count, births.Select(b => b.Value["residentId"]).Distinct().Count());

        // The three documented bad rows (connectors/samples/public-security/births/README.md).
        var deadLetters = hub.ReadTopic(TopicCatalog.DeadLetters)
            .Select(d => ((string)d.Value["source"], (long)d.Value["line"], d.Value["field"] as string))
            .Order().ToList();
        Assert.Equal(
            [("births-2026-11-a-utf8.csv", 19L, "residentId"), ("births-2026-11-a-utf8.csv", 65L, "birthDate"), ("births-2026-11-b-gb18030.csv", 42L, "householdDivision")],
            deadLetters);
    }

    [Fact]
    public async Task Gb18030_file_is_decoded_to_the_same_records_as_its_utf8_twin()
    {
        await using var hub = await HubHarness.StartAsync();
        var rows = SyntheticBirths.Rows(50, seed: 7);
        var utf8 = hub.WriteFile("twin-utf8.csv", SyntheticBirths.Csv(rows));
        var feed = ShippedFeeds.LoadWithSource(BirthsFeed, utf8);
        await hub.RunAsync(feed, utf8);
        // The records alike but for their origin (another file, another source id).
        var fromUtf8 = hub.ReadTopic(TopicCatalog.Births).Select(r => Fields(r)).Order().ToList();

        await using var other = await HubHarness.StartAsync();
        var gb = other.WriteFile("twin-gb18030.csv", SyntheticBirths.Csv(rows), DataHub.Connectors.Sources.TextEncodingDetector.Gb18030);
        await other.RunAsync(ShippedFeeds.LoadWithSource(BirthsFeed, gb), gb);
        var fromGb = other.ReadTopic(TopicCatalog.Births).Select(r => Fields(r)).Order().ToList();

        Assert.Equal(50, fromGb.Count);
        Assert.Equal(fromUtf8, fromGb);
        Assert.Contains(fromGb, r => r.Contains('张'));
    }

    private static string Fields(DecodedRecord record) =>
        string.Join("|", record.Value.Schema.Fields.Where(f => f.Name != OriginField.Name).Select(f => record.Value[f.Name]));

    [Fact]
    public async Task Running_the_same_file_twice_publishes_each_good_record_exactly_once()
    {
        await using var hub = await HubHarness.StartAsync();
        var rows = SyntheticBirths.Rows(300, seed: 11);
        var file = hub.WriteFile("births-twice.csv", SyntheticBirths.Csv(rows));
        var feed = ShippedFeeds.LoadWithSource(BirthsFeed, file);

        var first = await hub.RunAsync(feed, file);
        var second = await hub.RunAsync(feed, file);
        var copy = hub.WriteFile("births-twice-renamed.csv", SyntheticBirths.Csv(rows));
        var third = await hub.RunAsync(feed, copy);

        Assert.Equal(300, first.Published);
        Assert.Equal(0, second.Published);
        Assert.True(second.Sources.Single().AlreadyDone);
        Assert.Equal(0, third.Published);
        var topic = hub.ReadTopic(TopicCatalog.Births);
        Assert.Equal(300, topic.Count);
        Assert.Equal(rows.Select(r => r.ResidentId).Order(), topic.Select(r => (string)r.Value["residentId"]).Order());
    }

    [Fact]
    public async Task Thousand_rows_with_three_bad_publish_997_and_dead_letter_3_naming_file_line_field_and_reason()
    {
        await using var hub = await HubHarness.StartAsync();
        var rows = SyntheticBirths.Rows(1000, seed: 3);
        var id = rows[99].ResidentId;
        rows[99] = rows[99] with { ResidentId = id[..17] + (id[17] == '1' ? '2' : '1') }; // line 101: bad check character
        rows[499] = rows[499] with { Division = "329999" };                               // line 501: unknown division
        rows[899] = rows[899] with { BirthDate = "20250230" };                            // line 901: impossible date
        var file = hub.WriteFile("births-1000.csv", SyntheticBirths.Csv(rows));

        var result = await hub.RunAsync(ShippedFeeds.LoadWithSource(BirthsFeed, file), file);

        Assert.Equal(1000, result.Read);
        Assert.Equal(997, result.Published);
        Assert.Equal(3, result.DeadLettered);
        Assert.Equal(997, hub.ReadTopic(TopicCatalog.Births).Count);
        var deadLetters = hub.ReadTopic(TopicCatalog.DeadLetters).OrderBy(d => (long)d.Value["line"]).ToList();
        Assert.Equal(3, deadLetters.Count);
        Assert.All(deadLetters, d => Assert.Equal("births-1000.csv", d.Value["source"]));
        Assert.Equal([101L, 501L, 901L], deadLetters.Select(d => (long)d.Value["line"]));
        Assert.Equal(["residentId", "householdDivision", "birthDate"], deadLetters.Select(d => (string)d.Value["field"]));
        Assert.Contains("check character", (string)deadLetters[0].Value["reason"]);
        Assert.Contains("GB/T 2260", (string)deadLetters[1].Value["reason"]);
        Assert.Contains("not a real date", (string)deadLetters[2].Value["reason"]);
        Assert.DoesNotContain(id[4..14], (string)deadLetters[0].Value["value"]); // the ID is masked

        var stored = await hub.Runtime.FeedState.DeadLettersAsync("public-security.births", 10);
        Assert.Equal([101L, 501L, 901L], stored.Select(d => d.Line).Order());
    }
}
