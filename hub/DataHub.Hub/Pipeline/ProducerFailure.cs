using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// The first fatal error of a run's producer (e.g. the gap-less guarantee could not be kept): the run stops with it,
/// and its checkpoint stays where every line was acknowledged. Other client errors (a broker down for a while) are
/// retried by librdkafka and only logged.
/// </summary>
internal sealed class ProducerFailure
{
    private string? _fatal;

    public string? Fatal => Volatile.Read(ref _fatal);

    public void Observe(Error error, ILogger logger)
    {
        if (!error.IsFatal)
        {
            logger.LogWarning("Kafka producer: {Code}: {Reason} (retrying)", error.Code, error.Reason);
            return;
        }
        logger.LogError("Kafka producer failed fatally: {Code}: {Reason}", error.Code, error.Reason);
        Interlocked.CompareExchange(ref _fatal, $"fatal producer error {error.Code}: {error.Reason}", null);
    }
}
