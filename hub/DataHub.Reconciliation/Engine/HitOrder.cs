namespace DataHub.Reconciliation.Engine;

/// <summary>Ordering helpers for <see cref="GapHit"/>s, without hash sets: sorting a few hits is cheaper than probing a large set at random.</summary>
public static class HitOrder
{
    /// <summary>Sorts by person key (rows of one person in row order), so they can be probed against sorted sources with cursors.</summary>
    public static void SortByPerson(Span<GapHit> hits) => hits.Sort(static (a, b) => a.Person != b.Person ? a.Person.CompareTo(b.Person) : a.Row.CompareTo(b.Row));

    /// <summary>
    /// One hit per person (the one with the lowest row), every hit without a person key (0) kept, in row order:
    /// the same as keeping the first hit per person of a walk over the driving source.
    /// </summary>
    public static GapHit[] Distinct(List<GapHit> hits)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hits);
        var byPerson = IsSorted(span, byRow: false);
        if (!byPerson) SortByPerson(span);
        var count = 0;
        for (var i = 0; i < span.Length; i++)
            if (span[i].Person == 0 || count == 0 || span[count - 1].Person != span[i].Person) span[count++] = span[i];
        var result = span[..count].ToArray();
        if (!IsSorted(result, byRow: true)) result.AsSpan().Sort(static (a, b) => a.Row.CompareTo(b.Row));
        return result;
    }

    private static bool IsSorted(ReadOnlySpan<GapHit> hits, bool byRow)
    {
        for (var i = 1; i < hits.Length; i++)
            if (byRow ? hits[i - 1].Row > hits[i].Row : hits[i - 1].Person > hits[i].Person || (hits[i - 1].Person == hits[i].Person && hits[i - 1].Row > hits[i].Row))
                return false;
        return true;
    }
}
