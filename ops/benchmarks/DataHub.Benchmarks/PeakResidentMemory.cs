using System.Diagnostics;

namespace DataHub.Benchmarks;

/// <summary>
/// The process's peak resident memory over a step. On Linux the kernel keeps the exact peak (VmHWM), which
/// writing 5 to /proc/self/clear_refs resets to the current size; elsewhere the working set is sampled every 5 ms.
/// </summary>
internal sealed class PeakResidentMemory : IDisposable
{
    private readonly bool _kernelPeak;
    private readonly Timer? _timer;
    private long _sampledPeak;

    public PeakResidentMemory()
    {
        StartBytes = Environment.WorkingSet;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            _kernelPeak = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _sampledPeak = Environment.WorkingSet;
            _timer = new Timer(_ => Raise(Environment.WorkingSet), null, 5, 5);
        }
    }

    /// <summary>The resident memory when measuring began.</summary>
    public long StartBytes { get; }

    /// <summary>"kernel peak" or "sampled every 5 ms".</summary>
    public string Method => _kernelPeak ? "kernel peak (VmHWM)" : "sampled every 5 ms";

    public long PeakBytes()
    {
        if (!_kernelPeak) return Math.Max(Interlocked.Read(ref _sampledPeak), Environment.WorkingSet);
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private void Raise(long now)
    {
        long seen;
        while (now > (seen = Interlocked.Read(ref _sampledPeak)) && Interlocked.CompareExchange(ref _sampledPeak, now, seen) != seen) { }
    }

    public void Dispose() => _timer?.Dispose();
}
