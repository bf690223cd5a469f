namespace DataHub.Tests.Web;

/// <summary>A fact that needs Debian's headless Chromium and its driver; without them it is skipped with the reason printed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
            Skip = $"browser test skipped: {Browser} or {Driver} is missing — run ops/setup (installs the Debian packages chromium and chromium-driver)";
    }
}
