namespace DataHub.Reconciliation.Registries;

/// <summary>
/// Sorts a table's 64-bit person keys in linear time: a stable least-significant-digit radix sort, 11 bits a
/// pass, that carries each key's arrival index along (so rows of one key keep their arrival order) and skips
/// the passes whose digit is the same for every key (packed resident IDs use 57 bits, most tables fewer).
/// </summary>
internal static class KeyRadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;

    /// <summary>The keys in ascending order (signed), and for each sorted position the index the key arrived at.</summary>
    public static (long[] Keys, int[] Order) Sort(ReadOnlySpan<long> keys)
    {
        var n = keys.Length;
        var histograms = new int[Passes * Buckets];
        var sorted = keys.ToArray();
        foreach (var key in sorted)
            for (var pass = 0; pass < Passes; pass++) histograms[pass * Buckets + Digit(key, pass)]++;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        long[]? spareKeys = null;
        int[]? spareOrder = null;
        for (var pass = 0; pass < Passes; pass++)
        {
            var counts = histograms.AsSpan(pass * Buckets, Buckets);
            if (n == 0 || counts[Digit(sorted[0], pass)] == n) continue;
            spareKeys ??= new long[n];
            spareOrder ??= new int[n];
            var next = 0;
            for (var b = 0; b < Buckets; b++) (counts[b], next) = (next, next + counts[b]);
            for (var i = 0; i < n; i++)
            {
                var key = sorted[i];
                var at = counts[Digit(key, pass)]++;
                spareKeys[at] = key;
                spareOrder[at] = order[i];
            }
            (sorted, spareKeys) = (spareKeys, sorted);
            (order, spareOrder) = (spareOrder, order);
        }
        return (sorted, order);
    }

    // The sign bit flipped, so that unsigned digit order is signed key order.
    private static int Digit(long key, int pass) => (int)(((ulong)key ^ 0x8000_0000_0000_0000UL) >> (pass * DigitBits)) & (Buckets - 1);
}
