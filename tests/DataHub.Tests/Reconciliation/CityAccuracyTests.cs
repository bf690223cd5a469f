using DataHub.Hub.Reconciliation;
using DataHub.Reconciliation.Engine;
using DataHub.Tests.Support;
using Xunit.Abstractions;

namespace DataHub.Tests.Reconciliation;

/// <summary>
/// The whole chain on generated cities: department CSV files (GB18030 and UTF-8, 15-digit IDs, newborns and
/// pupils without IDs) → shipped feed definitions → FeedRunner → Kafka → materialiser → store → engine.
/// </summary>
public sealed class CityAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2_500, 11)]
    [InlineData(4_000, 23)]
    public async Task Every_rule_finds_every_planted_gap_and_nothing_else_through_the_hub(int people, int seed)
    {
        await using var hub = await HubHarness.StartAsync();
        var city = CityHub.Generate(hub, people, seed);

        var accuracy = await new CityAccuracyRun(hub.NewRunner(), CityHub.Runner(hub))
            .RunAsync(city, CityHub.FeedsDirectory, new ReconciliationOptions());

        foreach (var r in accuracy.ByRuleAndMatch)
            output.WriteLine($"{r.Rule,-36} {r.Match,-12} expected {r.Expected,4} found {r.Found,4} recall {r.Recall:P1} precision {r.Precision:P1}");
        Assert.Equal(0, accuracy.Feeds.Sum(f => f.DeadLettered));
        Assert.Empty(accuracy.Lost);
        Assert.Equal("succeeded", accuracy.Run.Status);
        Assert.All(accuracy.ByRule, r => Assert.True(r.Expected > 0, $"{r.Rule}: nothing planted"));
        Assert.All(accuracy.ByRuleAndMatch.Where(r => r.Match == "id"), r => Assert.Equal((r.Rule, 1.0, 1.0), (r.Rule, r.Recall, r.Precision)));
        Assert.All(accuracy.ByRuleAndMatch.Where(r => r.Match != "id"), r => Assert.True(r.Recall >= 0.99 && r.Precision >= 0.99, $"{r.Rule}/{r.Match}: {r}"));
        Assert.Contains(accuracy.ByRuleAndMatch, r => r.Match == "parent" && r.Expected > 0);
        Assert.All(accuracy.Run.Result.Gaps, g => Assert.NotEmpty(g.Evidence));
        Assert.All(accuracy.Run.Result.Gaps.SelectMany(g => g.Evidence), e => Assert.True(e.Line > 0 && e.Source.EndsWith(".csv"), $"{e}"));
    }
}
