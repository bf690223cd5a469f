using System.Diagnostics;

namespace DataHub.Benchmarks;

/// <summary>
/// What one timed step cost: wall time, CPU time of the whole process (all threads, so noise from other
/// processes on the machine does not inflate it), bytes allocated, garbage collections per generation and
/// the time the collector paused the program.
/// </summary>
internal readonly record struct StepCost(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    public override string ToString() =>
        $"wall {Wall.TotalSeconds:N2} s, CPU {Cpu.TotalSeconds:N2} s, allocated {AllocatedBytes / 1e6:N0} MB, GCs {Gen0}/{Gen1}/{Gen2} (gen0/1/2), GC pauses {GcPause.TotalSeconds:N2} s";
}

/// <summary>Starts measuring at construction; <see cref="Stop"/> returns the cost since.</summary>
internal sealed class StepMeasurement
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: true);
    private readonly int _gen0 = GC.CollectionCount(0), _gen1 = GC.CollectionCount(1), _gen2 = GC.CollectionCount(2);
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();

    /// <summary>CPU time of the process since the start, without stopping.</summary>
    public TimeSpan CpuSoFar() => Process.GetCurrentProcess().TotalProcessorTime - _cpu;

    public StepCost Stop()
    {
        var wall = _wall.Elapsed;
        return new StepCost(wall, Process.GetCurrentProcess().TotalProcessorTime - _cpu, GC.GetTotalAllocatedBytes(precise: true) - _allocated,
            GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2, GC.GetTotalPauseDuration() - _pause);
    }
}
