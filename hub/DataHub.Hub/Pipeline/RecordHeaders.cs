namespace DataHub.Hub.Pipeline;

/// <summary>
/// The one header the hub sets, on records a dead-letter replay published: when the fixed source was replayed.
/// Everything else about where a record came from is in its value's origin field (<see cref="DataHub.Schemas.Avro.OriginField"/>).
/// </summary>
public static class RecordHeaders
{
    public const string Replayed = "datahub.replayed";
}
