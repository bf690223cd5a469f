namespace DataHub.Benchmarks;

/// <summary>
/// The highest working set seen while it runs (sampled every 50 ms). Process.PeakWorkingSet64 would report
/// the peak of the whole process, including earlier phases of the benchmark.
/// </summary>
internal sealed class WorkingSetSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public WorkingSetSampler()
    {
        // Start from what the earlier phases left collectable.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        Sample();
        _timer = new Timer(_ => Sample(), null, 50, 50);
    }

    public long PeakBytes => Interlocked.Read(ref _peak);

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }
}
