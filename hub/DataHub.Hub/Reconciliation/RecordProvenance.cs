using System.Text;
using Confluent.Kafka;
using DataHub.Hub.Pipeline;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// Where a registry record came from (feed, source file, line), for a gap's evidence. The one place that knows
/// how a record carries it — today the datahub.* headers (the provenance is moving into the value's origin field).
/// </summary>
public static class RecordProvenance
{
    public static (string? Feed, string? Source, long Line) Of<TKey, TValue>(Message<TKey, TValue> message)
    {
        var headers = message.Headers;
        string? Header(string name) => headers is not null && headers.TryGetLastBytes(name, out var b) ? Encoding.UTF8.GetString(b) : null;
        return (Header(RecordHeaders.Feed), Header(RecordHeaders.Source), long.TryParse(Header(RecordHeaders.Line), out var line) ? line : 0);
    }
}
