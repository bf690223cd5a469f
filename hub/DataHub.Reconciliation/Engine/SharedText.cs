using System.Collections.Concurrent;

namespace DataHub.Reconciliation.Engine;

/// <summary>
/// Hands out one instance per distinct text, so the many gaps that print the same summary or evidence note
/// keep one string between them rather than a copy each. Stops taking new texts once it holds
/// <c>capacity</c>, so texts that never repeat (a transfer number) cost no more than a lookup.
/// </summary>
internal sealed class SharedText(int capacity)
{
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);

    public string Share(string text)
    {
        if (_texts.TryGetValue(text, out var shared)) return shared;
        return _texts.Count < capacity ? _texts.GetOrAdd(text, text) : text;
    }
}
