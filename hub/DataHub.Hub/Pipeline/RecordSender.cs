using Confluent.Kafka;
using DataHub.Hub.Kafka;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Produces one file's records, batch by batch, and tells the <see cref="AckTracker"/> what Kafka acknowledged and
/// where. Records carry no headers (their provenance is the value's origin field: headers cost librdkafka more
/// per message than the record itself).
///
/// Only the last record of a batch in each partition carries a delivery handler: a handler costs Confluent.Kafka
/// more per message than librdkafka's whole produce path (a GC handle, a shim and a report per record; the
/// ingest benchmark's raw figures show it), and one acknowledgement per partition says the same thing here. The
/// producer is idempotent with the gap-less guarantee and no message timeout (<see cref="KafkaConnection"/>), so a
/// partition's records are stored in the order they were produced, a later one is never acknowledged while an
/// earlier one failed (a failure that would leave a gap is a fatal producer error instead, which fails the
/// acknowledgements still outstanding), and the last record's offset is the batch's highest in its partition.
/// The partition is computed here (<see cref="KeyPartitioner"/>, the producer's murmur2) and given explicitly.
/// </summary>
internal sealed class RecordSender
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly AckTracker _tracker;
    private readonly PartitionLayout _layout;
    private readonly TopicPartition[] _partitions;
    private readonly int[] _lastInSlot;
    private int[] _slots = new int[1024];

    public RecordSender(IProducer<string, byte[]> producer, AckTracker tracker, PartitionLayout layout)
    {
        _producer = producer;
        _tracker = tracker;
        _layout = layout;
        _partitions = new TopicPartition[layout.Count];
        for (var t = 0; t < 2; t++)
        {
            var (topic, count) = layout.TopicAt(t);
            for (var p = 0; p < count; p++) _partitions[layout.Slot(t, p)] = new TopicPartition(topic, p);
        }
        _lastInSlot = new int[layout.Count];
    }

    /// <summary>
    /// Produces the batch's records (the target topic's, and the dead letters to topic 1 of the layout); lines found
    /// already acknowledged by an interrupted run are not sent again.
    /// </summary>
    public void Send(PreparedBatch batch)
    {
        if (_slots.Length < batch.Count) _slots = new int[batch.Count];
        Array.Fill(_lastInSlot, -1);
        var expected = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch.Records[i];
            if (record.AlreadyAcknowledged) { _slots[i] = -1; continue; }
            var topicIndex = record.DeadLetter is null ? 0 : 1;
            var partitions = _layout.TopicAt(topicIndex).Partitions;
            // A record without a key goes to a random partition, as the murmur2_random partitioner sends it.
            var slot = _layout.Slot(topicIndex, record.Key is null ? Random.Shared.Next(partitions) : KeyPartitioner.PartitionOf(record.Key, partitions));
            _slots[i] = slot;
            if (_lastInSlot[slot] < 0) expected++;
            _lastInSlot[slot] = i;
        }
        if (batch.Count == 0) return;
        var chunk = _tracker.Batch(batch.Records[batch.Count - 1].Line, expected);
        var handler = expected > 0 ? HandlerFor(chunk) : null;
        for (var i = 0; i < batch.Count; i++)
        {
            var slot = _slots[i];
            if (slot < 0) continue;
            var record = batch.Records[i];
            // A null key stays null on the wire (the ! only quiets the type: Confluent.Kafka's string serializer writes null as null).
            Produce(_partitions[slot], new Message<string, byte[]> { Key = record.Key!, Value = record.Value! }, _lastInSlot[slot] == i ? handler : null);
        }
    }

    private void Produce(TopicPartition partition, Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>>? handler)
    {
        while (true)
        {
            try
            {
                _producer.Produce(partition, message, handler);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: the local queue is full until the brokers catch up (or come back). Delivery
                // reports are served on the client's own thread, so this only waits for room.
                Thread.Sleep(1);
            }
            catch (ProduceException<string, byte[]> e)
            {
                // The producer refused the record: it failed (e.g. it could not keep the gap-less guarantee), or the
                // record can never be sent (too large, unknown partition). The run stops at its last safe checkpoint.
                throw new KafkaDeliveryException($"{partition}: {e.Error.Code}: {e.Error.Reason}", e);
            }
        }
    }

    private Action<DeliveryReport<string, byte[]>> HandlerFor(AckTracker.Chunk chunk) => report =>
    {
        var topicIndex = report.Topic == _partitions[0].Topic ? 0 : 1;
        _tracker.Ack(chunk, report.Error.IsError ? $"{report.Topic}: {report.Error.Code}: {report.Error.Reason}" : null,
            _layout.Slot(topicIndex, report.Partition.Value), report.Offset.Value);
    };
}
