namespace DataHub.Reconciliation.Engine;

/// <summary>
/// Renders a run's hits as gaps (identity, summary, evidence) in a stable order: by rule, person and period
/// (ordinal), those with the same identity merged. Rules render in parallel, each into its own list.
/// </summary>
internal static class GapRenderer
{
    public static List<Gap> Render(RuleContext context, IReadOnlyList<RuleHits> rules)
    {
        var groups = rules.GroupBy(r => r.Rule.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        var rendered = new List<Gap>[groups.Length];
        Parallel.For(0, groups.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => rendered[i] = RenderRule(context, groups[i]));
        var all = new List<Gap>(rendered.Sum(r => r.Count));
        foreach (var gaps in rendered) all.AddRange(gaps);
        return all;
    }

    /// <summary>
    /// The gaps of one rule ID. A rule finds each person key once, and a person with a resident ID is printed
    /// as that ID, whose text sorts as the key does; so those gaps need neither merging nor a string sort: they
    /// are sorted by key and the order is checked. Gaps without a key (stand-in persons) are merged by identity.
    /// Whatever does not fit that (rules sharing an ID, a rule printing persons otherwise) takes the general path.
    /// </summary>
    private static List<Gap> RenderRule(RuleContext context, RuleHits[] rules)
    {
        if (rules.Length > 1) return Merged(rules.SelectMany(r => r.Hits.Select(h => r.Rule.Describe(context, h))));
        var (rule, hits) = (rules[0].Rule, rules[0].Hits);
        var keyed = new List<(long Key, Gap Gap)>(hits.Length);
        var standIns = new List<Gap>();
        var summaries = new SharedText(10_000);
        foreach (var hit in hits)
        {
            var gap = rule.Describe(context, hit);
            gap = Compact(gap, summaries);
            if (hit.Person != 0) keyed.Add((hit.Person, gap));
            else standIns.Add(gap);
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keyed);
        if (!IsSortedByKey(span)) span.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        var byKey = new List<Gap>(keyed.Count);
        foreach (var (_, gap) in span)
        {
            if (byKey.Count > 0 && Compare(byKey[^1], gap) >= 0) return Merged(keyed.Select(k => k.Gap).Concat(standIns));
            byKey.Add(gap);
        }
        var merged = Merged(standIns);
        return merged.Count == 0 ? byKey : MergeSorted(byKey, merged) ?? Merged(byKey.Concat(merged));
    }

    /// <summary>
    /// The gap as it is kept until the cases are stored: its summary shared with the gaps that print the same
    /// one, its evidence an exact-size array rather than a list with spare room (fewer, smaller objects for the
    /// collector to move as the gaps age).
    /// </summary>
    private static Gap Compact(Gap gap, SharedText summaries)
    {
        var summary = summaries.Share(gap.Summary);
        var evidence = gap.Evidence is List<GapEvidence> list ? list.ToArray() : gap.Evidence;
        return ReferenceEquals(summary, gap.Summary) && ReferenceEquals(evidence, gap.Evidence) ? gap : gap with { Summary = summary, Evidence = evidence };
    }

    /// <summary>The general path: merge by identity (evidence of later gaps added), then sort.</summary>
    private static List<Gap> Merged(IEnumerable<Gap> gaps)
    {
        var merged = new Dictionary<string, Gap>(StringComparer.Ordinal);
        foreach (var gap in gaps)
        {
            var identity = gap.Identity;
            merged[identity] = merged.TryGetValue(identity, out var earlier)
                ? earlier with { Evidence = [.. earlier.Evidence, .. gap.Evidence.Where(e => !earlier.Evidence.Contains(e))] }
                : gap;
        }
        var result = merged.Values.ToList();
        result.Sort(Compare);
        return result;
    }

    /// <summary>Two sorted lists as one, or null when an identity is in both (then they need merging).</summary>
    private static List<Gap>? MergeSorted(List<Gap> a, List<Gap> b)
    {
        var result = new List<Gap>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var order = Compare(a[i], b[j]);
            if (order == 0) return null;
            result.Add(order < 0 ? a[i++] : b[j++]);
        }
        while (i < a.Count) result.Add(a[i++]);
        while (j < b.Count) result.Add(b[j++]);
        return result;
    }

    private static int Compare(Gap a, Gap b)
    {
        var order = string.CompareOrdinal(a.Person, b.Person);
        return order != 0 ? order : string.CompareOrdinal(a.Period, b.Period);
    }

    private static bool IsSortedByKey(ReadOnlySpan<(long Key, Gap Gap)> gaps)
    {
        for (var i = 1; i < gaps.Length; i++)
            if (gaps[i - 1].Key > gaps[i].Key) return false;
        return true;
    }
}
