namespace DataHub.Reconciliation.Registries;

/// <summary>
/// One source in memory: a sorted column of packed person keys (the only column the joins scan) beside
/// the rows' other facts. Rows without a person key (0) sort first.
/// </summary>
public sealed class KeyedTable<T> where T : struct
{
    internal KeyedTable(long[] keys, T[] rows, int count)
    {
        Keys = keys;
        Rows = rows;
        Count = count;
    }

    public static KeyedTable<T> Empty { get; } = new([], [], 0);

    public long[] Keys { get; }
    public T[] Rows { get; }
    public int Count { get; }

    /// <summary>Index of the first row whose key is ≥ <paramref name="key"/>.</summary>
    public int LowerBound(long key)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The rows of one key, found by binary search (use a <see cref="KeyCursor{T}"/> for ordered probes).</summary>
    public (int Start, int End) Find(long key)
    {
        var start = LowerBound(key);
        var end = start;
        while (end < Count && Keys[end] == key) end++;
        return (start, end);
    }

    /// <summary>The rows that share the key of <paramref name="row"/> (rows of one key are adjacent): no search needed.</summary>
    public (int Start, int End) RowsOf(int row)
    {
        var key = Keys[row];
        int start = row, end = row + 1;
        while (start > 0 && Keys[start - 1] == key) start--;
        while (end < Count && Keys[end] == key) end++;
        return (start, end);
    }

    public long ApproximateBytes => (long)Keys.Length * 8 + (long)Rows.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}

/// <summary>Collects rows in any order, then sorts them by key once (in linear time, see <see cref="KeyRadixSort"/>).</summary>
public sealed class KeyedTableBuilder<T>(int capacity = 1024) where T : struct
{
    private long[] _keys = new long[Math.Max(capacity, 16)];
    private T[] _rows = new T[Math.Max(capacity, 16)];
    private int _count;

    public int Count => _count;

    public void Add(long key, in T row)
    {
        if (_count == _keys.Length)
        {
            var size = _keys.Length * 2;
            Array.Resize(ref _keys, size);
            Array.Resize(ref _rows, size);
        }
        _keys[_count] = key;
        _rows[_count++] = row;
    }

    public KeyedTable<T> Build()
    {
        // Rows of one key keep a deterministic order (their arrival order): the radix sort is stable.
        var (keys, order) = KeyRadixSort.Sort(_keys.AsSpan(0, _count));
        _keys = [];
        var rows = new T[_count];
        for (var i = 0; i < _count; i++) rows[i] = _rows[order[i]];
        _rows = [];
        return new KeyedTable<T>(keys, rows, _count);
    }
}

/// <summary>
/// Finds the rows of increasing keys in a sorted table by galloping forward from the last hit, so a rule
/// that walks one source in key order probes another in linear total time; falls back to binary search
/// when a probe goes backwards.
/// </summary>
public struct KeyCursor<T>(KeyedTable<T> table) where T : struct
{
    private int _position;

    public (int Start, int End) Seek(long key)
    {
        var keys = table.Keys;
        var count = table.Count;
        if (_position > 0 && _position <= count && keys[_position - 1] >= key)
        {
            var found = table.Find(key);
            _position = found.Start;
            return found;
        }
        var step = 1;
        var lo = _position;
        while (lo + step < count && keys[lo + step] < key) { lo += step; step <<= 1; }
        var hi = Math.Min(lo + step + 1, count);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        var end = lo;
        while (end < count && keys[end] == key) end++;
        _position = lo;
        return (lo, end);
    }
}
