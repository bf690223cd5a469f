namespace DataHub.Reconciliation.City;

/// <summary>What a synthetic city is made from: the same settings give the same city, byte for byte.</summary>
public sealed record CitySettings(int People, int Seed, DateOnly AsOf)
{
    /// <summary>A fixed default day (not "today"), so a seed always yields the same city.</summary>
    public static readonly DateOnly DefaultAsOf = new(2026, 11, 20);

    /// <summary>People per generation chunk; chunks run in parallel and each writes its own part files.</summary>
    public int ChunkSize { get; init; } = 250_000;

    public int Year => AsOf.Year;
    public string SchoolYear => AsOf.Month >= 9 ? $"{AsOf.Year}-{AsOf.Year + 1}" : $"{AsOf.Year - 1}-{AsOf.Year}";
}
