namespace DataHub.Reconciliation.Engine;

/// <summary>Found against expected for one rule (or one rule and one way of matching the person).</summary>
public sealed record RuleAccuracy(string Rule, string Match, int Expected, int Found, int TruePositives)
{
    public int Missed => Expected - TruePositives;
    public int Wrong => Found - TruePositives;
    public double Recall => Expected == 0 ? 1 : (double)TruePositives / Expected;
    public double Precision => Found == 0 ? 1 : (double)TruePositives / Found;
}

/// <summary>
/// Compares the gaps a run found with a city's expected gaps on their identity (person, rule, period):
/// recall and precision per rule, and per rule and match kind (by resident ID, or without one).
/// </summary>
public static class AccuracyReport
{
    public static IReadOnlyList<RuleAccuracy> Compare(IEnumerable<(string Person, string Rule, string Period, string Match)> found,
        IEnumerable<(string Person, string Rule, string Period, string Match)> expected, bool byMatch = false)
    {
        var foundSet = found.ToDictionary(f => (f.Person, f.Rule, f.Period), f => f.Match);
        var expectedSet = expected.ToDictionary(e => (e.Person, e.Rule, e.Period), e => e.Match);
        string Group(string rule, string match) => byMatch ? $"{rule}\u0001{match}" : rule;
        var groups = foundSet.Select(f => Group(f.Key.Rule, f.Value)).Concat(expectedSet.Select(e => Group(e.Key.Rule, e.Value)))
            .Concat(byMatch ? [] : RuleIds.All).Distinct().Order(StringComparer.Ordinal);
        var result = new List<RuleAccuracy>();
        foreach (var group in groups)
        {
            var parts = group.Split('\u0001');
            var rule = parts[0];
            var match = parts.Length > 1 ? parts[1] : "all";
            bool In(KeyValuePair<(string, string Rule, string), string> p) => p.Key.Rule == rule && (!byMatch || p.Value == match);
            var e = expectedSet.Where(In).Select(p => p.Key).ToHashSet();
            var f = foundSet.Where(In).Select(p => p.Key).ToList();
            // A true positive counts in the expected row's match group (the engine may have matched it another way).
            var tp = byMatch ? e.Count(k => foundSet.ContainsKey(k)) : f.Count(e.Contains);
            var foundCount = byMatch ? f.Count(k => !expectedSet.ContainsKey(k)) + tp : f.Count;
            result.Add(new RuleAccuracy(rule, match, e.Count, foundCount, tp));
        }
        return result;
    }
}
