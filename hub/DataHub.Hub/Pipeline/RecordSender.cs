using Confluent.Kafka;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Produces one file's records and tells the <see cref="AckTracker"/> what Kafka acknowledged (and where).
/// Records carry no headers: their provenance is the value's origin field (headers cost librdkafka more per
/// message than the record itself). Per record it allocates only the message; the delivery handler is shared
/// by all records of one tracker chunk.
/// </summary>
internal sealed class RecordSender(IProducer<string, byte[]> producer, AckTracker tracker, PartitionLayout layout, string targetTopic)
{
    private AckTracker.Chunk? _chunk;
    private Action<DeliveryReport<string, byte[]>>? _handler;

    public void Send(string topic, string key, byte[] value, long line)
    {
        var message = new Message<string, byte[]> { Key = key, Value = value };
        var handler = HandlerFor(tracker.Sending(line));
        while (true)
        {
            try
            {
                producer.Produce(topic, message, handler);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: the local queue is full until the brokers catch up (or come back). Delivery
                // reports are served on the client's own thread, so this only waits for room.
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>A line an interrupted run already published: counts as acknowledged without sending it again.</summary>
    public void AlreadyAcknowledged(long line) => tracker.Ack(tracker.Sending(line), null);

    private Action<DeliveryReport<string, byte[]>> HandlerFor(AckTracker.Chunk chunk)
    {
        if (ReferenceEquals(chunk, _chunk)) return _handler!;
        _chunk = chunk;
        return _handler = report =>
        {
            var topicIndex = ReferenceEquals(report.Topic, targetTopic) || report.Topic == targetTopic ? 0 : 1;
            tracker.Ack(chunk, report.Error.IsError ? $"{report.Topic}: {report.Error.Code}: {report.Error.Reason}" : null,
                layout.Slot(topicIndex, report.Partition.Value), report.Offset.Value);
        };
    }
}
