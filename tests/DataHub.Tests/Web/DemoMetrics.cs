using System.Text.RegularExpressions;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DataHub.Tests.Web;

/// <summary>What a demo run must have left on GET /metrics: per-feed record counts, gaps opened per rule, the materialiser's lag.</summary>
internal static partial class DemoMetrics
{
    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Series();

    public static async Task AssertShownAsync(WebApplication app)
    {
        using var http = new HttpClient();
        var scrape = await http.GetStringAsync($"{HubServer.Address(app)}/metrics");
        var runtime = app.Services.GetRequiredService<HubRuntimeService>().Runtime;

        var runs = await runtime.FeedState.RecentRunsAsync(null, 500, CancellationToken.None);
        Assert.NotEmpty(runs);
        foreach (var feed in runs.GroupBy(r => r.Feed))
        {
            Assert.Equal(feed.Sum(r => r.Published), Sum(scrape, "datahub_feed_records_published", "feed", feed.Key));
            Assert.Equal(feed.Sum(r => r.Rejected), Sum(scrape, "datahub_feed_records_rejected", "feed", feed.Key));
        }

        var opened = new GapCaseStore(runtime.Database).Cases().GroupBy(c => c.Rule).ToList();
        Assert.NotEmpty(opened);
        foreach (var rule in opened)
            Assert.Equal(rule.Count(), Sum(scrape, "datahub_reconciliation_gaps_opened", "rule", rule.Key));

        var lag = Values(scrape, "datahub_consumer_lag", "group", RegistryMaterialiser.LagGroup).ToList();
        Assert.True(lag.Count > 0, "no materialiser lag on /metrics:\n" + scrape);
        Assert.All(lag, l => Assert.Equal(0, l)); // read to the end by the run
    }

    private static long Sum(string scrape, string name, string label, string value) =>
        (long)Values(scrape, name, label, value).Sum();

    private static IEnumerable<double> Values(string scrape, string name, string label, string value) =>
        Series().Matches(scrape)
            .Where(m => m.Groups["name"].Value is var n && (n == name || n == name + "_total") && m.Groups["labels"].Value.Contains($"{label}=\"{value}\""))
            .Select(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));
}
