using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Identity;

namespace DataHub.Tests.Reconciliation;

/// <summary>
/// Rendering hits as gaps: ordered by rule, person and period (ordinal), gaps with one identity merged with
/// their evidence, whether the persons come from resident IDs, from stand-ins, or from rules sharing an ID.
/// </summary>
public sealed class GapRenderingTests
{
    private static readonly RegistrySet Empty = new RegistrySetBuilder().Build();

    [Fact]
    public void Gaps_come_sorted_and_merged_by_identity_as_the_specification_says()
    {
        var random = new Random(3);
        var keys = Enumerable.Range(0, 300).Select(_ => ResidentId.Pack("320102199001011234") + random.Next(0, 5_000_000) * 10L).Distinct().ToArray();
        // Stand-ins (key 0): several hits share an identity and must become one gap with all their evidence.
        var standIns = Enumerable.Range(0, 40).Select(i => new GapHit(0, 1_000 + i, MatchKind.Unresolved)).ToArray();
        var rules = new IGapRule[]
        {
            new ScriptedRule("b-rule", keys.Select((k, i) => new GapHit(k, i, MatchKind.ResidentId)).Concat(standIns).ToArray()),
            new ScriptedRule("a-rule", keys.Reverse().Take(50).Select((k, i) => new GapHit(k, i, MatchKind.ResidentId)).ToArray()),
            // Two rules with one ID: their gaps of one person merge.
            new ScriptedRule("c-rule", keys.Take(30).Select((k, i) => new GapHit(k, i, MatchKind.ResidentId)).ToArray()),
            new ScriptedRule("c-rule", keys.Skip(20).Take(30).Select((k, i) => new GapHit(k, 500 + i, MatchKind.ResidentId)).ToArray()),
        };

        var result = new ReconciliationEngine(rules).Run(Empty, new ReconciliationOptions { AsOf = new DateOnly(2026, 11, 20) });

        var expected = Specification(result.Rules.SelectMany(r => r.Hits.Select(h => ScriptedRule.Render(r.Rule.Id, h))));
        Assert.Equal(Show(expected), Show(result.Gaps));
        Assert.Equal(keys.Length + 1 + 50 + 50, result.Gaps.Count); // b: every key + one stand-in; a: 50; c: 30 + 30 sharing 10
        Assert.Equal(40, result.Gaps.Single(g => g.Person.StartsWith("BC:", StringComparison.Ordinal)).Evidence.Count);
    }

    [Fact]
    public void A_rule_printing_persons_out_of_key_order_still_gets_sorted_gaps()
    {
        var hits = Enumerable.Range(1, 200).Select(i => new GapHit(i, i, MatchKind.ResidentId)).ToArray();
        var rule = new ScriptedRule("x-rule", hits, person: key => $"P{1_000 - key}");

        var result = new ReconciliationEngine([rule]).Run(Empty, new ReconciliationOptions { AsOf = new DateOnly(2026, 11, 20) });

        Assert.Equal(Show(Specification(hits.Select(h => ScriptedRule.Render("x-rule", h, key => $"P{1_000 - key}")))), Show(result.Gaps));
    }

    /// <summary>What the gaps must be: merged by identity (first gap's fields, new evidence appended), sorted by rule, person, period.</summary>
    private static List<Gap> Specification(IEnumerable<Gap> gaps)
    {
        var merged = new Dictionary<string, Gap>();
        foreach (var gap in gaps)
            merged[gap.Identity] = merged.TryGetValue(gap.Identity, out var earlier)
                ? earlier with { Evidence = [.. earlier.Evidence, .. gap.Evidence.Where(e => !earlier.Evidence.Contains(e))] }
                : gap;
        return merged.Values.OrderBy(g => g.Rule, StringComparer.Ordinal).ThenBy(g => g.Person, StringComparer.Ordinal)
            .ThenBy(g => g.Period, StringComparer.Ordinal).ToList();
    }

    private static List<string> Show(IEnumerable<Gap> gaps) =>
        gaps.Select(g => $"{g.Rule} {g.Person} {g.Period} {g.Summary} [{string.Join("; ", g.Evidence.Select(e => $"{e.Source}:{e.Line}"))}]").ToList();

    /// <summary>A rule whose hits are given and whose gaps print the hit (stand-ins all share one identity).</summary>
    private sealed class ScriptedRule(string id, GapHit[] hits, Func<long, string>? person = null) : IGapRule
    {
        public string Id => id;

        public void Find(RuleContext context, List<GapHit> found) => found.AddRange(hits);

        public Gap Describe(RuleContext context, GapHit hit) => Render(id, hit, person);

        public static Gap Render(string rule, GapHit hit, Func<long, string>? person = null) =>
            new(hit.Person == 0 ? "BC:A000000001" : (person ?? ResidentId.Unpack)(hit.Person), rule, "2026", "320100",
                $"row {hit.Row % 7}", [new GapEvidence("feed", $"file-{rule}", hit.Row, null, "note")], hit.Match);
    }
}
