using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Tests.Reconciliation;

/// <summary>The sorted key set and its cursor answer as a hash set would, whatever order the probes come in.</summary>
public sealed class SortedKeySetTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 1_000)]
    [InlineData(4, 50_000)]
    public void Cursor_and_lookup_agree_with_a_hash_set_for_forward_and_backward_probes(int seed, int size)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, size).Select(_ => random.NextInt64(0, 1L << 57)).Append(0).Order().ToArray();
        var set = new SortedKeySet(keys);
        var expected = keys.ToHashSet();
        Assert.Equal(expected.Count, set.Count);

        // Mostly increasing probes (as a rule walking its source), with some jumps back (resolved children).
        var probes = keys.Where((_, i) => i % 3 == 0).Concat(Enumerable.Range(0, 2_000).Select(_ => random.NextInt64(0, 1L << 57))).Order().ToList();
        for (var i = 0; i < probes.Count; i += 97) probes.Insert(i, random.NextInt64(0, 1L << 57));
        var cursor = set.Cursor();
        foreach (var probe in probes)
        {
            Assert.Equal(expected.Contains(probe), cursor.Contains(probe));
            Assert.Equal(expected.Contains(probe), set.Contains(probe));
        }
    }

    [Fact]
    public void Unsorted_keys_are_refused_and_repeats_dropped()
    {
        Assert.Throws<ArgumentException>(() => new SortedKeySet(new long[] { 5, 3 }));
        Assert.Equal(2, new SortedKeySet(new long[] { 3, 3, 5, 5, 5 }).Count);
    }

    [Fact]
    public void Distinct_hits_keep_the_first_row_per_person_and_every_hit_without_one_in_row_order()
    {
        var random = new Random(11);
        for (var round = 0; round < 50; round++)
        {
            var hits = Enumerable.Range(0, random.Next(0, 400))
                .Select(row => new GapHit(random.Next(4) == 0 ? 0 : random.Next(1, 60), row, (MatchKind)random.Next(4)))
                .ToList();
            if (round % 2 == 0) hits = hits.OrderBy(h => h.Person).ThenBy(h => h.Row).ToList();
            var seen = new HashSet<long>();
            var expected = hits.OrderBy(h => h.Row).Where(h => h.Person == 0 || seen.Add(h.Person)).ToArray();

            Assert.Equal(expected, HitOrder.Distinct(hits));
        }
    }
}
