using DataHub.Schemas.Reference;

namespace DataHub.Reconciliation.City;

/// <summary>
/// Generates a synthetic city: every person's records go to a sink, chunk by chunk in parallel (each chunk
/// has its own sink, so output is the same whatever the thread timing), and the planted gaps come back in
/// person order.
/// </summary>
public static class CityGenerator
{
    public static IReadOnlyList<ExpectedGap> Generate(CitySettings settings, Func<int, ICitySink> sinkForChunk,
        WorkingDayCalendar? calendar = null, int? parallelism = null)
    {
        if (settings.People <= 0) throw new ArgumentOutOfRangeException(nameof(settings), "the city needs at least one person");
        var geography = new CityGeography(Math.Max(10, settings.People / 200));
        var life = new CityLife(settings, geography, calendar ?? WorkingDayCalendar.Default);
        var chunks = (settings.People + settings.ChunkSize - 1) / settings.ChunkSize;
        var expected = new List<ExpectedGap>[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount }, chunk =>
        {
            var found = new List<ExpectedGap>();
            using (var sink = sinkForChunk(chunk))
            {
                var first = (long)chunk * settings.ChunkSize;
                var last = Math.Min(first + settings.ChunkSize, settings.People);
                for (var i = first; i < last; i++) life.Live(i, sink, found);
            }
            expected[chunk] = found;
        });
        return expected.SelectMany(e => e).ToList();
    }

    /// <summary>The city's employers, for the tax bureau's employer registrations.</summary>
    public static IReadOnlyList<string> EmployerCodes(CitySettings settings) =>
        new CityGeography(Math.Max(10, settings.People / 200)).EmployerCodes;
}
