namespace DataHub.Hub.ScaleOut;

/// <summary>Settings of running several hub instances together (section ScaleOut).</summary>
public sealed class ScaleOutOptions
{
    public const string Section = "ScaleOut";

    /// <summary>The consumer group every `datahub serve` instance joins; instances of one hub must share it.</summary>
    public string Group { get; set; } = "datahub-hub";

    /// <summary>Kafka session timeout: how soon a dead instance's partitions (and its feed run) go to the others.</summary>
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>A reconcile run waits this long for another instance's partition to make progress before materialising it itself.</summary>
    public int PeerStallSeconds { get; set; } = 30;
}
