namespace DataHub.Hub.Pipeline;

/// <summary>The headers every published record and dead letter carries: where it came from.</summary>
public static class RecordHeaders
{
    public const string Feed = "datahub.feed";
    public const string Source = "datahub.source";
    public const string SourceHash = "datahub.source-hash";
    public const string Line = "datahub.line";
    /// <summary>Set on records published by a dead-letter replay: when the fixed source was replayed.</summary>
    public const string Replayed = "datahub.replayed";
}
