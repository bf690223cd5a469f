using Hl7.Fhir.Model;

namespace DataHub.Connectors.Fhir;

/// <summary>A bundle resource with its 1-based entry number.</summary>
internal sealed record IndexedResource(int Entry, Resource Resource);

/// <summary>
/// Finds bundle resources by reference, in any entry order: by fullUrl (e.g. <c>urn:uuid:…</c> or an absolute
/// URL) and by relative reference <c>Type/id</c> (also matching a fullUrl that ends in <c>/Type/id</c>).
/// </summary>
internal sealed class BundleIndex
{
    private readonly Dictionary<string, IndexedResource> _byKey = new(StringComparer.Ordinal);

    public BundleIndex(IEnumerable<IndexedResource> resources)
    {
        foreach (var r in resources)
        {
            Resources.Add(r);
            if (r.Resource.Id is { Length: > 0 } id) _byKey.TryAdd($"{r.Resource.TypeName}/{id}", r);
        }
    }

    public List<IndexedResource> Resources { get; } = [];

    public void AddFullUrl(string fullUrl, IndexedResource resource)
    {
        _byKey.TryAdd(fullUrl, resource);
        var parts = fullUrl.Split('/');
        if (parts.Length >= 2 && !fullUrl.StartsWith("urn:", StringComparison.Ordinal))
            _byKey.TryAdd($"{parts[^2]}/{parts[^1]}", resource);
    }

    /// <summary>The resource a reference points to, if it is in this bundle.</summary>
    public IndexedResource? Resolve(ResourceReference? reference)
    {
        var target = reference?.Reference;
        if (string.IsNullOrWhiteSpace(target)) return null;
        if (_byKey.TryGetValue(target, out var hit)) return hit;
        var parts = target.Split('/');
        return parts.Length >= 2 && _byKey.TryGetValue($"{parts[^2]}/{parts[^1]}", out hit) ? hit : null;
    }

    /// <summary>Whether <paramref name="reference"/> points at <paramref name="resource"/>.</summary>
    public bool PointsTo(ResourceReference? reference, IndexedResource resource) => ReferenceEquals(Resolve(reference), resource);

    public IEnumerable<(IndexedResource Entry, T Resource)> OfType<T>() where T : Resource =>
        Resources.Where(r => r.Resource is T).Select(r => (r, (T)r.Resource));
}
