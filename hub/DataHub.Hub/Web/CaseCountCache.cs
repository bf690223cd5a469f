using Microsoft.Extensions.Caching.Memory;

namespace DataHub.Hub.Web;

/// <summary>A store's change stamp: the top history id and the top case row id (both move whenever a case is added or changes).</summary>
public readonly record struct CaseChangeStamp(long History, long Cases);

/// <summary>
/// Counts kept per clipped region and filter with the store's change stamp when they were counted, and served again until
/// the stamp moves (MemoryCache, 4,096 filters, each dropped after 10 minutes unused).
/// </summary>
public sealed class CaseCountCache
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 4096 });

    public CaseCountSummary GetOrCount(RegionScope clipped, CaseFilter filter, CaseChangeStamp stamp, Func<CaseCountSummary> count)
    {
        var key = (clipped.Region, filter.Rule, filter.Status, filter.KeyGroup, filter.From, filter.To);
        if (_cache.TryGetValue(key, out (CaseChangeStamp Stamp, CaseCountSummary Counts) known) && known.Stamp == stamp) return known.Counts;
        var counts = count();
        _cache.Set(key, (stamp, counts), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return counts;
    }
}
