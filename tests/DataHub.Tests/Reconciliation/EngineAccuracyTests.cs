using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using Xunit.Abstractions;

namespace DataHub.Tests.Reconciliation;

/// <summary>The engine over in-memory registries of synthetic cities: every planted gap found, nothing else.</summary>
public sealed class EngineAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(5_000, 1)]
    [InlineData(4_000, 7)]
    [InlineData(3_000, 42)]
    [InlineData(20_000, 2026)]
    public void Every_rule_finds_exactly_the_planted_gaps(int people, int seed)
    {
        var settings = new CitySettings(people, seed, CitySettings.DefaultAsOf);
        var sink = new RegistryCitySink(people);
        var expected = CityGenerator.Generate(settings, sink.ForChunk);
        var registries = sink.Build();

        var result = new ReconciliationEngine().Run(registries, new ReconciliationOptions { AsOf = settings.AsOf });

        var report = AccuracyReport.Compare(
            result.Gaps.Select(g => (g.Person, g.Rule, g.Period, CityLife.MatchText(g.MatchedBy))),
            expected.Select(e => (e.Person, e.Rule, e.Period, e.Match)));
        foreach (var r in report) output.WriteLine($"{r.Rule,-36} expected {r.Expected,5} found {r.Found,5} recall {r.Recall:P1} precision {r.Precision:P1}");
        foreach (var gap in result.Gaps.Where(g => !expected.Any(e => e.Person == g.Person && e.Rule == g.Rule && e.Period == g.Period)).Take(5))
            output.WriteLine($"unexpected: {gap.Rule} {gap.Person} {gap.Period}: {gap.Summary}");
        foreach (var e in expected.Where(e => !result.Gaps.Any(g => e.Person == g.Person && e.Rule == g.Rule && e.Period == g.Period)).Take(5))
            output.WriteLine($"missed: {e.Rule} {e.Person} {e.Period} ({e.Match})");

        Assert.All(report, r => Assert.True(r.Expected > 0, $"{r.Rule}: the city planted no gaps, so the rule is not tested"));
        Assert.All(report, r => Assert.Equal((r.Rule, r.Expected, r.Expected), (r.Rule, r.Found, r.TruePositives)));
    }
}
