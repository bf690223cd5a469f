using Confluent.Kafka;
using DataHub.Hub.Pipeline;

namespace DataHub.Hub.Invoices;

/// <summary>
/// Produces a file's invoice events and dead letters and tells the <see cref="AckTracker"/> what Kafka
/// acknowledged. No per-message headers (librdkafka makes each one expensive): an event's provenance is in
/// the ledger (source and position per invoice). Per message it allocates only the message; the delivery
/// handler is shared by the messages of one tracker chunk.
/// </summary>
internal sealed class InvoiceSender(IProducer<byte[], byte[]> producer, AckTracker tracker)
{
    private AckTracker.Chunk? _chunk;
    private Action<DeliveryReport<byte[], byte[]>>? _handler;

    public void Send(string topic, byte[] key, byte[] value, long position)
    {
        var message = new Message<byte[], byte[]> { Key = key, Value = value };
        var handler = HandlerFor(tracker.Sending(position));
        while (true)
        {
            try
            {
                producer.Produce(topic, message, handler);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: the local queue is full until the brokers catch up (or come back).
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    /// <summary>An invoice an interrupted run already published: counts as acknowledged without sending it again.</summary>
    public void AlreadyPublished(long position) => tracker.Ack(tracker.Sending(position), null);

    private Action<DeliveryReport<byte[], byte[]>> HandlerFor(AckTracker.Chunk chunk)
    {
        if (ReferenceEquals(chunk, _chunk)) return _handler!;
        _chunk = chunk;
        return _handler = report => tracker.Ack(chunk, report.Error.IsError ? $"{report.Topic}: {report.Error.Code}: {report.Error.Reason}" : null);
    }
}
