using Confluent.Kafka;
using DataHub.Hub.ScaleOut;
using DataHub.Tests.Contracts;
using DataHub.Tests.Pipeline;

namespace DataHub.Tests.ScaleOut;

/// <summary>The partition the hub computes for a person is the one the cluster really puts the person's records in.</summary>
public sealed class PersonPartitionerTests
{
    [Theory]
    // Kafka's own test vectors (org.apache.kafka.common.utils.UtilsTest.testMurmur2).
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Murmur2_matches_the_java_client(string key, int expected) =>
        Assert.Equal(expected, unchecked((int)PersonPartitioner.Murmur2(System.Text.Encoding.UTF8.GetBytes(key))));

    [Fact]
    public async Task Records_keyed_by_resident_id_land_in_the_computed_partition()
    {
        await using var hub = await EmbeddedHub.StartAsync(brokers: 1);
        const string topic = "test.partitioner.v1";
        hub.Cluster.CreateTopic(topic, PersonPartitioner.PartitionCount);
        using var producer = new ProducerBuilder<string, string>(hub.Kafka.ProducerConfig()).Build();
        var ids = Enumerable.Range(0, 300).Select(i => IdOracle.ResidentId("320102", new DateOnly(1950, 1, 1).AddDays(i * 37), i)).ToList();
        var reports = await Task.WhenAll(ids.Select(id => producer.ProduceAsync(topic, new Message<string, string> { Key = id, Value = "x" })));
        Assert.All(ids.Zip(reports), p => Assert.Equal(PersonPartitioner.OfResident(p.First), p.Second.Partition.Value));
        Assert.Equal(PersonPartitioner.PartitionCount, ids.Select(PersonPartitioner.OfResident).Distinct().Count());
    }
}
