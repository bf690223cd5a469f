using DataHub.Schemas.Reference;

namespace DataHub.Hub.Web;

/// <summary>
/// A user's region (GB/T 2260): a case is visible when its region lies within it (<see cref="DivisionTable.IsWithin"/>).
/// For SQL, the same scope as a code range: a province XX0000 covers XX0000..XX9999, a prefecture XXXX00 covers XXXX00..XXXX99.
/// </summary>
public sealed record RegionScope(string Region)
{
    public bool Covers(string caseRegion) => DivisionTable.Default.IsWithin(caseRegion, Region);

    /// <summary>The half-open code range [Low, High) of codes under the region.</summary>
    public (string Low, string High) Range
    {
        get
        {
            var prefix = Region;
            while (prefix.Length > 2 && prefix.EndsWith("00", StringComparison.Ordinal)) prefix = prefix[..^2];
            var next = (long.Parse(prefix) + 1).ToString().PadLeft(prefix.Length, '0');
            return (prefix.PadRight(6, '0'), next.PadRight(6, '0'));
        }
    }

    /// <summary>
    /// A region filter clipped to this scope: the filter when it lies within the scope, the scope when the filter
    /// is wider, null (nothing visible) when the two do not overlap or the filter is not a division code.
    /// </summary>
    public RegionScope? Clip(string? filter)
    {
        if (string.IsNullOrEmpty(filter)) return this;
        if (!DivisionTable.Default.Contains(filter)) return null;
        if (DivisionTable.Default.IsWithin(filter, Region)) return new RegionScope(filter);
        if (DivisionTable.Default.IsWithin(Region, filter)) return this;
        return null;
    }
}
