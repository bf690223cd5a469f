using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Engine;

public static class TableGroups
{
    /// <summary>The runs of rows with one key, in key order (rows without a key included, as key 0).</summary>
    public static IEnumerable<(long Key, int Start, int End)> Groups<T>(this KeyedTable<T> table) where T : struct
    {
        var keys = table.Keys;
        for (var i = 0; i < table.Count;)
        {
            var j = i + 1;
            while (j < table.Count && keys[j] == keys[i]) j++;
            yield return (keys[i], i, j);
            i = j;
        }
    }
}
