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
    /// A secret automation sends as <c>Authorization: Bearer …</c> to use the feed API without an admin sign-in (at least
    /// 32 characters, e.g. <c>openssl rand -hex 32</c>); empty = only signed-in admins may.
    /// </summary>
    public string? ApiToken { get; set; }

    public string? ApiTokenProblem() =>
        string.IsNullOrEmpty(ApiToken) || ApiToken.Trim().Length >= Web.ServiceTokenOptions.MinimumLength ? null
            : $"Serve:ApiToken: {ApiToken.Trim().Length} characters; use at least {Web.ServiceTokenOptions.MinimumLength} (e.g. openssl rand -hex 32), or leave it empty";

    /// <summary>
    /// Quartz cron of the scheduled reconciliation (seconds first); empty = none. Runs on every instance: each
    /// reconciles the partitions the group gave it. Default 05:00, after the nightly feeds.
    /// </summary>
    public string? ReconcileSchedule { get; set; } = "0 0 5 * * ?";

    public string ResolvedFeedsDirectory =>
        string.IsNullOrWhiteSpace(FeedsDirectory) ? Path.Combine(AppContext.BaseDirectory, "feeds") : Path.GetFullPath(FeedsDirectory);
}
