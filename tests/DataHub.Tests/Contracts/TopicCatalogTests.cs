using DataHub.Tests.Support;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Codes;
using DataHub.Schemas.Topics;

namespace DataHub.Tests.Contracts;

public class TopicCatalogTests
{
    [Fact]
    public void Committed_topic_docs_are_exactly_what_the_generator_produces()
    {
        var md = File.ReadAllText(RepoPaths.Under("docs", TopicCatalogDocs.MarkdownFile));
        var json = File.ReadAllText(RepoPaths.Under("docs", TopicCatalogDocs.JsonFile));
        const string regenerate = "docs are stale: run `dotnet run --project hub/DataHub.Cli -- topics --write docs` and commit";
        Assert.True(md == TopicCatalogDocs.Markdown(TopicCatalog.All), $"docs/topics.md: {regenerate}");
        Assert.True(json == TopicCatalogDocs.Json(TopicCatalog.All), $"docs/topics.json: {regenerate}");
    }

    [Fact]
    public void Every_avro_schema_has_a_topic_and_every_topic_a_schema()
    {
        var withTopic = TopicCatalog.All.Select(t => t.ValueSchema).ToHashSet();
        var without = SchemaCatalog.Names.Where(n => !withTopic.Contains(n)).ToList();
        Assert.True(without.Count == 0, $"schemas without a topic: {string.Join(", ", without)}");
        Assert.All(TopicCatalog.All, t => Assert.NotNull(SchemaCatalog.Get(t.ValueSchema)));
        Assert.Equal(TopicCatalog.All.Count, TopicCatalog.All.Select(t => t.Name).Distinct().Count());
    }

    [Fact]
    public void Names_follow_the_convention_and_existing_constants_keep_their_values()
    {
        Assert.Equal("mi.household.birth.v1", TopicCatalog.Births);
        Assert.Equal("mi.deadletter.v1", TopicCatalog.DeadLetters);
        Assert.All(TopicCatalog.All.Where(t => t.Name != TopicCatalog.DeadLetters),
            t => Assert.Matches(@"^mi\.[a-z]+\.[a-z]+(-[a-z]+)*\.v[0-9]+$", t.Name));
        Assert.All(TopicCatalog.All, t => Assert.Equal(1, t.Major));
    }

    [Fact]
    public void Each_coding_standard_has_a_compacted_topic_keyed_by_its_code_field()
    {
        foreach (var standard in CodingStandards.All)
        {
            var topic = TopicCatalog.Get(standard.Topic);
            Assert.True(topic.Compacted, standard.Topic);
            Assert.Equal(standard.Schema, topic.ValueSchema);
            Assert.StartsWith(standard.CodeField, topic.Key);
        }
    }

    [Fact]
    public void Person_keyed_topics_have_six_partitions()
    {
        Assert.All(TopicCatalog.All.Where(t => t.Key.Contains("resident ID")), t => Assert.Equal(6, t.Partitions));
    }

    [Fact]
    public void Schema_fingerprint_ignores_docs_and_changes_with_types()
    {
        var text = SchemaCatalog.Text("household/move");
        var undocumented = text.Replace("\"doc\":", "\"x-doc\":");
        var retyped = text.Replace("\"name\": \"reason\", \"type\": [\"null\", \"string\"]", "\"name\": \"reason\", \"type\": [\"null\", \"int\"]");
        Assert.NotEqual(text, retyped);
        var original = TopicDefinition.Fingerprint(Avro.Schema.Parse(text));
        Assert.Equal(original, TopicDefinition.Fingerprint(Avro.Schema.Parse(undocumented)));
        Assert.NotEqual(original, TopicDefinition.Fingerprint(Avro.Schema.Parse(retyped)));
        Assert.Matches("^v1\\+[0-9a-f]{8}$", TopicCatalog.Get(TopicCatalog.Moves).SchemaVersion);
    }
}
