namespace DataHub.Reconciliation.City;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014), seeded per person from (city seed, person index) so every
/// person's life is the same whatever order or thread generates it. Hand-written because System.Random
/// cannot be seeded cheaply per person and its seeded sequence is not guaranteed across runtimes.
/// </summary>
public struct CityRandom(ulong state)
{
    private ulong _state = state;

    public static CityRandom For(int seed, long index) => new(Mix((ulong)seed * 0x9E3779B97F4A7C15UL ^ Mix((ulong)index + 0x632BE59BD9B4E019UL)));

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A whole number in [min, max].</summary>
    public int Between(int min, int max) => min + (int)(Next() % (ulong)(max - min + 1));

    /// <summary>A number in [0, 1).</summary>
    public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => Unit() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[(int)(Next() % (ulong)items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
