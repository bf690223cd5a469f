using Confluent.Kafka;

namespace DataHub.SampleConsumer;

/// <summary>
/// Before subscribing: asks the cluster for its topics, so a wrong bootstrap address or topic name fails at once
/// with one line naming it, instead of librdkafka retrying quietly (a subscription to a topic that is not there
/// just waits).
/// </summary>
public static class ClusterCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <returns>null when every topic is there, else what is wrong.</returns>
    public static string? Problem(Handle client, string bootstrap, IReadOnlyList<string> topics)
    {
        Metadata metadata;
        try
        {
            using var admin = new DependentAdminClientBuilder(client).Build();
            metadata = admin.GetMetadata(Timeout);
        }
        catch (KafkaException e)
        {
            return $"no broker at {bootstrap} answered within {Timeout.TotalSeconds:0} s ({e.Error.Reason})";
        }
        var present = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToHashSet();
        var missing = topics.Where(t => !present.Contains(t)).ToList();
        return missing.Count == 0 ? null
            : $"no topic {string.Join(", ", missing)} on the cluster at {bootstrap} (`datahub topics` lists the topics)";
    }
}
