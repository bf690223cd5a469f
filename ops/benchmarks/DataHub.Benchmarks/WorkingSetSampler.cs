namespace DataHub.Benchmarks;

/// <summary>
/// The highest working set seen while it runs (sampled every 50 ms). Process.PeakWorkingSet64 would report
/// the peak of the whole process, including earlier phases of the benchmark.
/// </summary>
internal sealed class WorkingSetSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;
    private long _peakManaged;

    public WorkingSetSampler()
    {
        // Start from what the earlier phases left collectable.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        Sample();
        _timer = new Timer(_ => Sample(), null, 50, 50);
    }

    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>The highest managed (GC) heap size seen: the rest of the working set is native (librdkafka, the embedded cluster).</summary>
    public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

    private void Sample()
    {
        Raise(ref _peak, Environment.WorkingSet);
        Raise(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void Raise(ref long peak, long now)
    {
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }
}
