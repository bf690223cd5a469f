using System.Diagnostics;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Benchmarks;

/// <summary>
/// Validates 18-character resident IDs and packs them into 64-bit keys on one thread. The IDs are
/// generated up front (not timed) as one contiguous ASCII buffer, as a reader would hand them over.
/// </summary>
internal sealed class IdsBenchmark : IBenchmark
{
    private const double GoalPerSecond = 10_000_000;
    private const int IdLength = 18;
    private const int Runs = 3;

    public string Name => "ids";

    public string Usage => "ids [--count N]   validate + pack N generated resident IDs (default 20,000,000); goal >= 10 M IDs/s on one core";

    public int Run(BenchmarkOptions options)
    {
        var requested = options.Long("count", 20_000_000);
        if (requested > int.MaxValue / IdLength) throw new ArgumentException($"--count must be at most {int.MaxValue / IdLength:N0}");
        var count = (int)requested;
        var divisions = DivisionTable.Default;

        var generate = Stopwatch.StartNew();
        var ids = ResidentIdGenerator.Generate(count, divisions, seed: 2260);
        Console.WriteLine($"generated {count:N0} valid IDs ({ids.Length / 1024.0 / 1024.0:N0} MiB) in {generate.Elapsed.TotalSeconds:N1} s (not timed)");

        var keys = new long[count];
        var met = true;
        met &= Measure("validate (digits, check char, date) + pack", ids, keys, (id, out key) => ResidentId.TryPack(id, out key));
        met &= Measure("validate + division lookup + pack", ids, keys, (id, out key) => ResidentId.TryPack(id, divisions, out key));
        ReportBaseline(ids, Math.Min(count, 2_000_000));
        return met ? 0 : 1;
    }

    private delegate bool PackFunc(ReadOnlySpan<byte> id, out long key);

    private static bool Measure(string label, byte[] ids, long[] keys, PackFunc pack)
    {
        var count = keys.Length;
        Pass(ids, keys, Math.Min(count, 1_000_000), pack); // warm-up: reach tier-1 code
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < Runs; run++)
        {
            var sw = Stopwatch.StartNew();
            var valid = Pass(ids, keys, count, pack);
            sw.Stop();
            if (valid != count) throw new InvalidOperationException($"{label}: only {valid:N0} of {count:N0} generated IDs were accepted");
            if (sw.Elapsed < best) best = sw.Elapsed;
        }
        var perSecond = count / best.TotalSeconds;
        var pass = perSecond >= GoalPerSecond;
        Console.WriteLine($"{label}: {perSecond / 1e6:N1} M IDs/s, {best.TotalNanoseconds / count:N1} ns/ID "
            + $"(best of {Runs}; goal >= {GoalPerSecond / 1e6:N0} M IDs/s on one core) {(pass ? "PASS" : "MISS")}");
        return pass;
    }

    private static int Pass(byte[] ids, long[] keys, int count, PackFunc pack)
    {
        var valid = 0;
        var all = ids.AsSpan();
        for (var i = 0; i < count; i++)
            if (pack(all.Slice(i * IdLength, IdLength), out keys[i])) valid++;
        return valid;
    }

    /// <summary>The general-purpose path (string input, ResidentId.Check + Pack) on a subset, for comparison only.</summary>
    private static void ReportBaseline(byte[] ids, int count)
    {
        var strings = new string[count];
        for (var i = 0; i < count; i++) strings[i] = System.Text.Encoding.ASCII.GetString(ids, i * IdLength, IdLength);
        long sink = 0;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var check = ResidentId.Check(strings[i]);
            if (check.IsValid) sink ^= ResidentId.Pack(check.Normalized);
        }
        sw.Stop();
        Console.WriteLine($"for comparison, ResidentId.Check + Pack on {count:N0} strings: {count / sw.Elapsed.TotalSeconds / 1e6:N1} M IDs/s, "
            + $"{sw.Elapsed.TotalNanoseconds / count:N1} ns/ID (checksum {sink & 0xFFFF:X4})");
    }
}
