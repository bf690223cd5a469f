using DataHub.Cli.Console;
using DataHub.Hub.Pipeline;

namespace DataHub.Tests.Pipeline;

public sealed class FeedProgressTests
{
    [Fact]
    public void Progress_shows_records_rate_and_time_left()
    {
        var p = new FeedProgress("tax.contributions", "contributions.csv", 250_000, 249_750, 250, BytesRead: 25_000_000, BytesTotal: 100_000_000);
        var text = FeedProgressDisplay.Describe("tax", p, TimeSpan.FromSeconds(10));
        Assert.Contains("250,000 records", text);
        Assert.Contains("25,000 rec/s", text);
        Assert.Contains("ETA 00:00:30", text); // a quarter of the bytes in 10 s: three quarters left
    }
}
