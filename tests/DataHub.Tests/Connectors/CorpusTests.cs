using System.Text.RegularExpressions;
using DataHub.Connectors.Definitions;
using DataHub.Schemas.Topics;
using DataHub.Tests.Contracts;
using DataHub.Tests.Support;

namespace DataHub.Tests.Connectors;

/// <summary>
/// Runs every file of the malformed-input corpus (tests/DataHub.Tests/Corpus, see its README) through the real
/// FeedRunner on an embedded hub: nothing crashes, every bad record reaches the dead-letter topic with its line and
/// reason (personal values masked), and every good record of the same file is published.
/// </summary>
public partial class CorpusTests(EmbeddedHubFixture hub) : IClassFixture<EmbeddedHubFixture>
{
    public static TheoryData<string, string, int, string[]> Cases => new()
    {
        // feed, corpus file, records published, dead letters as "line: reason fragment"
        { "births-csv-utf8", "csv/gb18030-declared-utf8.csv", 2, ["3: not valid UTF-8"] },
        { "births-csv", "csv/truncated-mid-quote.csv", 2, ["4: never closed"] },
        { "births-csv", "csv/wrong-column-count.csv", 3, ["3: wrong number of columns", "5: wrong number of columns"] },
        { "births-csv", "csv/bad-ids.csv", 2, ["3: invalid resident ID", "4: invalid resident ID", "5: invalid resident ID", "6: invalid resident ID"] },
        { "births-csv", "csv/impossible-dates.csv", 2, ["3: not a real date", "4: not a real date", "5: in the future"] },
        { "births-csv", "csv/empty.csv", 0, ["1: the file is empty (0 bytes)"] },
        { "births-csv", "csv/header-only.csv", 0, [] },
        { "births-ndjson", "ndjson/invalid-lines.ndjson", 3, ["2: invalid JSON", "4: not an object", "6: not a real date", "7: not valid UTF-8"] },
        { "births-json", "json/truncated.json", 2, ["3: invalid JSON at line"] },
        { "births-json", "json/not-an-array.json", 0, ["1: must hold a JSON array"] },
        { "births-json", "json/mixed-elements.json", 2, ["2: not an object", "3: not a real date"] },
        { "births-json", "json/empty.json", 0, ["1: the file is empty (0 bytes)"] },
        { "health/birth-certificates", "fhir/invalid-json.json", 0, ["1: invalid JSON"] },
        { "health/birth-certificates", "fhir/invalid-xml.xml", 0, ["1: invalid XML"] },
        { "health/birth-certificates", "fhir/billion-laughs.xml", 0, ["1: DTD"] },
        { "health/birth-certificates", "fhir/wrong-resource-types.json", 4, ["12: resource type Claim", "13: resource type MedicationRequest"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Corpus_file_bad_records_are_dead_lettered_with_reason_and_good_ones_published(string feed, string file, int published, string[] rejected)
    {
        var definition = FeedDefinitionLoader.Load(feed.Contains('/')
            ? RepoPaths.Under("connectors", "feeds", feed + ".yaml")
            : RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "feeds", feed + ".yaml"));
        var path = RepoPaths.Under("tests", "DataHub.Tests", "Corpus", file);
        var name = Path.GetFileName(path);

        var result = await hub.NewFeedRunner().RunAsync(definition, [path], "corpus test");

        var records = hub.ReadTopic(definition.Target.Topic)
            .Where(r => r.Origin!.Feed == definition.Name && r.Origin.Source == name).ToList();
        var deadLetters = hub.ReadTopic(TopicCatalog.DeadLetters)
            .Where(r => (string)r.Value["feed"] == definition.Name && (string)r.Value["source"] == name)
            .Select(r => (Line: (long)r.Value["line"], Reason: (string)r.Value["reason"], Value: r.Value["value"] as string))
            .ToList();
        Assert.Equal(published, result.Published);
        Assert.Equal(published, records.Count);
        Assert.Equal(rejected.Length, result.DeadLettered);
        Assert.Equal(rejected.Length, deadLetters.Count);
        foreach (var expected in rejected)
        {
            var (line, fragment) = (long.Parse(expected[..expected.IndexOf(':')]), expected[(expected.IndexOf(':') + 2)..]);
            Assert.True(deadLetters.Any(d => d.Line == line && d.Reason.Contains(fragment, StringComparison.Ordinal)),
                $"no dead letter at line {line} containing '{fragment}'; got:\n{string.Join("\n", deadLetters)}");
        }
        Assert.All(deadLetters, d => Assert.False(ClearResidentId().IsMatch($"{d.Value} {d.Reason}"), $"unmasked resident ID in {d}"));
    }

    [GeneratedRegex(@"(?<![0-9])\d{17}[0-9X](?![0-9])")]
    private static partial Regex ClearResidentId();
}
