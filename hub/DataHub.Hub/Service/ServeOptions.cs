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

    public string ResolvedFeedsDirectory =>
        string.IsNullOrWhiteSpace(FeedsDirectory) ? Path.Combine(AppContext.BaseDirectory, "feeds") : Path.GetFullPath(FeedsDirectory);
}
