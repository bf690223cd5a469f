using DataHub.Reconciliation.Registries;

namespace DataHub.Tests.Reconciliation;

/// <summary>A keyed table is built sorted by key, the rows of one key in the order they were added.</summary>
public sealed class KeyedTableBuildTests
{
    [Theory]
    [InlineData(1, 0, 1L << 57)]          // empty
    [InlineData(2, 1, 1L << 57)]
    [InlineData(3, 5_000, 1L << 57)]      // packed resident IDs use 57 bits
    [InlineData(4, 5_000, 40)]            // many rows per key
    [InlineData(5, 20_000, long.MaxValue)]
    public void Rows_are_sorted_by_key_and_keep_their_arrival_order_within_a_key(int seed, int count, long range)
    {
        var random = new Random(seed);
        var added = Enumerable.Range(0, count)
            .Select(i => (Key: random.Next(5) == 0 ? 0 : random.NextInt64(range is long.MaxValue ? long.MinValue : 0, range), Arrival: i))
            .ToList();
        var builder = new KeyedTableBuilder<int>(4);
        foreach (var (key, arrival) in added) builder.Add(key, arrival);

        var table = builder.Build();

        var expected = added.OrderBy(a => a.Key).ToList(); // LINQ's sort is stable: ties in arrival order
        Assert.Equal(count, table.Count);
        Assert.Equal(expected.Select(e => e.Key), table.Keys);
        Assert.Equal(expected.Select(e => e.Arrival), table.Rows);
    }
}
