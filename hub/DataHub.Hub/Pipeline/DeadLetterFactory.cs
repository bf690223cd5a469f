using DataHub.Connectors.Mapping;
using DataHub.Hub.Store;

namespace DataHub.Hub.Pipeline;

/// <summary>Builds the dead-letter record for a rejected row, for the topic and for the store.</summary>
public static class DeadLetterFactory
{
    public static DeadLetterEntry Entry(string feed, string sourceHash, string source, long line, FieldError error, string targetTopic, long runId) =>
        new(feed, sourceHash, source, line, error.Field, error.Value, error.Reason, targetTopic, DateTimeOffset.UtcNow, runId);

    /// <summary>Values in the order of schemas/avro/common/dead-letter.avsc (the origin's slot first, written by the encoder).</summary>
    public static object?[] Values(DeadLetterEntry e) =>
        [null, e.Feed, e.Source, e.Line, e.Field, e.Value, e.Reason, e.TargetTopic, e.RejectedAt.UtcDateTime];
}
