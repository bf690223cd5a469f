using System.Text;
using Confluent.Kafka;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Produces one file's records with their provenance headers and tells the <see cref="AckTracker"/> what
/// Kafka acknowledged (and where). Per record it allocates only the message, its header list and the
/// line header: the other headers and the delivery handler (one per tracker chunk) are shared.
/// </summary>
internal sealed class RecordSender
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly AckTracker _tracker;
    private readonly PartitionLayout _layout;
    private readonly string _targetTopic;
    private readonly Header _feed;
    private readonly Header _source;
    private readonly Header _hash;
    private AckTracker.Chunk? _chunk;
    private Action<DeliveryReport<string, byte[]>>? _handler;

    public RecordSender(IProducer<string, byte[]> producer, AckTracker tracker, PartitionLayout layout, string targetTopic,
        string feed, string sourceName, string sourceHash)
    {
        _producer = producer;
        _tracker = tracker;
        _layout = layout;
        _targetTopic = targetTopic;
        _feed = new Header(RecordHeaders.Feed, Encoding.UTF8.GetBytes(feed));
        _source = new Header(RecordHeaders.Source, Encoding.UTF8.GetBytes(sourceName));
        _hash = new Header(RecordHeaders.SourceHash, Encoding.UTF8.GetBytes(sourceHash));
    }

    public void Send(string topic, string key, byte[] value, long line)
    {
        var headers = new Headers { _feed, _source, _hash, new Header(RecordHeaders.Line, LineBytes(line)) };
        var message = new Message<string, byte[]> { Key = key, Value = value, Headers = headers };
        var handler = HandlerFor(_tracker.Sending(line));
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, handler);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: the local queue is full until the brokers catch up (or come back).
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    /// <summary>A line an interrupted run already published: counts as acknowledged without sending it again.</summary>
    public void AlreadyAcknowledged(long line) => _tracker.Ack(_tracker.Sending(line), null);

    private Action<DeliveryReport<string, byte[]>> HandlerFor(AckTracker.Chunk chunk)
    {
        if (ReferenceEquals(chunk, _chunk)) return _handler!;
        _chunk = chunk;
        return _handler = report =>
        {
            var topicIndex = ReferenceEquals(report.Topic, _targetTopic) || report.Topic == _targetTopic ? 0 : 1;
            _tracker.Ack(chunk, report.Error.IsError ? $"{report.Topic}: {report.Error.Code}: {report.Error.Reason}" : null,
                _layout.Slot(topicIndex, report.Partition.Value), report.Offset.Value);
        };
    }

    public static byte[] LineBytes(long line)
    {
        Span<byte> buffer = stackalloc byte[20];
        System.Buffers.Text.Utf8Formatter.TryFormat(line, buffer, out var written);
        return buffer[..written].ToArray();
    }
}
