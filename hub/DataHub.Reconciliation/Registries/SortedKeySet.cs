namespace DataHub.Reconciliation.Registries;

/// <summary>
/// A set of packed person keys as one sorted array: compact and read front to back by rules that walk their
/// sources in key order (see <see cref="SortedKeySetCursor"/>), instead of a hash set probed at random.
/// </summary>
public sealed class SortedKeySet
{
    private readonly long[] _keys;

    /// <param name="sortedKeys">keys in non-decreasing order; repeats are dropped</param>
    public SortedKeySet(ReadOnlySpan<long> sortedKeys)
    {
        var keys = new long[sortedKeys.Length];
        var count = 0;
        foreach (var key in sortedKeys)
        {
            if (count > 0 && keys[count - 1] >= key)
            {
                if (keys[count - 1] == key) continue;
                throw new ArgumentException("keys must be sorted", nameof(sortedKeys));
            }
            keys[count++] = key;
        }
        _keys = count == keys.Length ? keys : keys[..count];
    }

    public int Count => _keys.Length;

    public bool Contains(long key) => Array.BinarySearch(_keys, key) >= 0;

    public SortedKeySetCursor Cursor() => new(_keys);
}

/// <summary>
/// Membership probes in (mostly) increasing key order: gallops forward from the last probe, so a walk over
/// a sorted source costs linear time in total; a probe that goes backwards falls back to binary search.
/// </summary>
public struct SortedKeySetCursor(long[] keys)
{
    private int _position;

    public bool Contains(long key)
    {
        if (_position > 0 && keys[_position - 1] >= key) _position = LowerBound(keys, 0, _position, key);
        else
        {
            var step = 1;
            var lo = _position;
            while (lo + step < keys.Length && keys[lo + step] < key) { lo += step; step <<= 1; }
            _position = LowerBound(keys, lo, Math.Min(lo + step + 1, keys.Length), key);
        }
        return _position < keys.Length && keys[_position] == key;
    }

    private static int LowerBound(long[] keys, int lo, int hi, long key)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
