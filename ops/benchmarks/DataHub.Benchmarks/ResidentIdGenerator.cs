using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Benchmarks;

/// <summary>Generates valid 18-character resident IDs as contiguous ASCII: real divisions, real dates, random sequence.</summary>
internal static class ResidentIdGenerator
{
    private static readonly DateOnly First = new(1920, 1, 1);
    private static readonly DateOnly Last = new(2025, 12, 31);

    public static byte[] Generate(int count, DivisionTable divisions, int seed)
    {
        var addresses = divisions.All.Where(d => d.Level == DivisionLevel.County).Select(d => d.Code).ToArray();
        var random = new Random(seed);
        var buffer = new byte[(long)count * 18];
        Span<char> id = stackalloc char[18];
        var span = (Span<int>)[First.DayNumber, Last.DayNumber - First.DayNumber + 1];
        for (var i = 0; i < count; i++)
        {
            addresses[random.Next(addresses.Length)].CopyTo(id);
            DateOnly.FromDayNumber(span[0] + random.Next(span[1])).TryFormat(id[6..], out _, "yyyyMMdd");
            random.Next(1000).TryFormat(id[14..], out _, "D3");
            id[17] = ResidentId.CheckCharacter(id);
            var target = buffer.AsSpan(i * 18, 18);
            for (var j = 0; j < 18; j++) target[j] = (byte)id[j];
        }
        return buffer;
    }
}
