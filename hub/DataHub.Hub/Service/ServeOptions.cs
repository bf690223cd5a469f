namespace DataHub.Hub.Service;

/// <summary>Serve: the long-running hub (`datahub serve`).</summary>
public sealed class ServeOptions
{
    public const string Section = "Serve";
    /// <summary>Where Kestrel listens (semicolon-separated URLs).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";
    /// <summary>Folder of feed definitions (*.yaml, searched recursively); empty means the feeds shipped beside the program.</summary>
    public string? FeedsDirectory { get; set; }
    /// <summary>Run feeds on their `schedule:` cron. Keep true on one instance only: schedules are not shared between instances.</summary>
    public bool RunSchedules { get; set; } = true;
    /// <summary>
    /// Quartz cron of the scheduled reconciliation (seconds first); empty = none. Runs on every instance: each
    /// reconciles the partitions the group gave it. Default 05:00, after the nightly feeds.
    /// </summary>
    public string? ReconcileSchedule { get; set; } = "0 0 5 * * ?";

    public string ResolvedFeedsDirectory =>
        string.IsNullOrWhiteSpace(FeedsDirectory) ? Path.Combine(AppContext.BaseDirectory, "feeds") : Path.GetFullPath(FeedsDirectory);
}
