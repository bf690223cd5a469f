namespace DataHub.Benchmarks;

/// <summary>
/// CPU time per thread of this process while it runs, grouped by thread name (Linux: /proc/self/task), so a
/// benchmark can say where the time went: its own threads, librdkafka's (rdk:*), the GC's, the JIT's. Threads
/// are sampled every 250 ms, so one that ends during the run still counts (up to its last sample). Empty where
/// /proc is not available.
/// </summary>
internal sealed class ThreadCpuSampler : IDisposable
{
    private readonly Dictionary<int, (string Name, double Seconds)> _start;
    private readonly Dictionary<int, (string Name, double Seconds)> _last = [];
    private readonly Timer _timer;

    public ThreadCpuSampler()
    {
        _start = Snapshot();
        _timer = new Timer(_ => Sample(), null, 250, 250);
    }

    /// <summary>Seconds of CPU per thread group since the start.</summary>
    public IReadOnlyList<(string Name, double Seconds)> Stop()
    {
        _timer.Dispose();
        Sample();
        lock (_last)
            return [.. _last.Select(t => (t.Value.Name, t.Value.Seconds - (_start.TryGetValue(t.Key, out var s) ? s.Seconds : 0)))
                .GroupBy(t => Group(t.Name)).Select(g => (g.Key, g.Sum(t => t.Item2))).Where(g => g.Item2 > 0.005).OrderByDescending(g => g.Item2)];
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = Snapshot();
        lock (_last)
            foreach (var (id, t) in now) _last[id] = t;
    }

    /// <summary>Thread names without their numbers (rdk:broker3 and rdk:broker5 are both brokers).</summary>
    private static string Group(string name) => name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '#', ' ', '-');

    private static Dictionary<int, (string Name, double Seconds)> Snapshot()
    {
        var threads = new Dictionary<int, (string Name, double Seconds)>();
        if (!Directory.Exists("/proc/self/task")) return threads;
        const double tick = 100.0; // USER_HZ on Linux
        foreach (var dir in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // After the name: state(0) ... utime(11) stime(12).
                threads[int.Parse(Path.GetFileName(dir))] = (name, (long.Parse(fields[11]) + long.Parse(fields[12])) / tick);
            }
            catch (IOException) { } // the thread ended meanwhile
        }
        return threads;
    }
}
