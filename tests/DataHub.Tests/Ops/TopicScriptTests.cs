using DataHub.Tests.Support;
using DataHub.Hub.Kafka;
using DataHub.Schemas.Topics;
using DataHub.Tests.Contracts;

namespace DataHub.Tests.Ops;

public sealed class TopicScriptTests
{
    [Fact]
    public void Every_catalog_topic_gets_one_create_command_with_its_partitions_compaction_and_retention()
    {
        var lines = TopicScript.KafkaTopicsCommands(TopicCatalog.All).Split('\n').Where(l => l.StartsWith("kafka-topics.sh")).ToList();
        Assert.Equal(TopicCatalog.All.Count, lines.Count);
        foreach (var topic in TopicCatalog.All)
        {
            var line = Assert.Single(lines, l => l.Contains($" --topic {topic.Name} "));
            Assert.Contains($" --partitions {topic.Partitions} --replication-factor 3 --config min.insync.replicas=2 ", line);
            Assert.Contains($"cleanup.policy={(topic.Compacted ? "compact" : "delete")}", line);
            Assert.EndsWith($"retention.ms={(topic.Retention is { } r ? (long)r.TotalMilliseconds : -1)}", line);
        }
        Assert.Contains(lines, l => l.Contains($"--topic {TopicCatalog.DeadLetters} ") && l.EndsWith("retention.ms=604800000"));
    }

    [Fact]
    public void Replication_below_min_insync_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TopicScript.KafkaTopicsCommands(TopicCatalog.All, replicationFactor: 1, minInsyncReplicas: 2));
    }

    [Fact]
    public void The_shipped_ops_script_is_the_generated_one()
    {
        var path = RepoPaths.Under("ops", "deploy", "kafka-topics.sh");
        var generated = TopicScript.KafkaTopicsCommands(TopicCatalog.All);
        if (Environment.GetEnvironmentVariable("DATAHUB_REGENERATE") == "1") File.WriteAllText(path, generated);
        Assert.True(File.ReadAllText(path) == generated,
            $"{path} is out of date with TopicCatalog; regenerate it with DATAHUB_REGENERATE=1 dotnet test --filter The_shipped_ops_script_is_the_generated_one");
    }
}
