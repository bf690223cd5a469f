using System.Diagnostics;
using System.Runtime.CompilerServices;
using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Reference;

namespace DataHub.Benchmarks;

/// <summary>One timed run of the reconcile step: finding the gaps and rendering them, as <c>ReconciliationRunner</c> does.</summary>
/// <param name="StepPeakBytes">the runtime's own resident memory at start, the registries on the heap, and the most the process
/// grew during the step: what the step needs, without what earlier phases (generation garbage, the SQLite baseline's
/// native page cache) left resident in this process</param>
internal sealed record ReconcileRun(TimeSpan Find, TimeSpan FindCpu, TimeSpan Render, StepCost Step, long StepPeakBytes, long ProcessPeakBytes, long LiveAfterBytes);

/// <summary>What a run found, without holding on to its gaps.</summary>
internal sealed record ReconcileOutcome(int HitCount, int GapCount, IReadOnlyDictionary<string, long> HitsByRule, IReadOnlyDictionary<string, TimeSpan> RuleTimes);

/// <summary>
/// Runs the reconcile step the product runs (<see cref="ReconciliationEngine.Run"/>, then
/// <see cref="ReconciliationResult.Gaps"/>: the gaps with identity, summary and evidence that the case store
/// receives) several times over the same registries. Each run starts from a collected, compacted heap.
/// </summary>
internal static class ReconcileMeasurement
{
    public static (ReconcileOutcome Outcome, IReadOnlyList<ReconcileRun> Runs, long RegistriesBytes) Measure(
        RegistrySet registries, ReconciliationOptions options, WorkingDayCalendar calendar, int repeats, long runtimeBytes)
    {
        var engine = new ReconciliationEngine();
        RunOnce(engine, registries, options, calendar, 0); // warm-up (JIT), not counted
        var runs = new List<ReconcileRun>();
        ReconcileOutcome? outcome = null;
        long registriesBytes = 0;
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            registriesBytes = GC.GetTotalMemory(forceFullCollection: true);
            (var run, outcome) = RunOnce(engine, registries, options, calendar, runtimeBytes + registriesBytes);
            runs.Add(run);
        }
        return (outcome!, runs, registriesBytes);
    }

    // Not inlined, so that no reference to a run's result outlives it on the caller's frame (the next run's
    // "registries only" heap figure would include it).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ReconcileRun Run, ReconcileOutcome Outcome) RunOnce(ReconciliationEngine engine, RegistrySet registries,
        ReconciliationOptions options, WorkingDayCalendar calendar, long baseBytes)
    {
        using var peak = new PeakResidentMemory();
        var step = new StepMeasurement();
        var find = Stopwatch.StartNew();
        var result = engine.Run(registries, options, calendar);
        var found = find.Elapsed;
        var findCpu = step.CpuSoFar();
        var render = Stopwatch.StartNew();
        var gaps = result.Gaps.Count;
        var rendered = render.Elapsed;
        var cost = step.Stop();
        var peakBytes = peak.PeakBytes();
        var outcome = new ReconcileOutcome(result.HitCount, gaps, result.Rules.ToDictionary(r => r.Rule.Id, r => (long)r.Hits.Length), result.RuleTimes);
        var live = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(result);
        return (new ReconcileRun(found, findCpu, rendered, cost, baseBytes + Math.Max(0, peakBytes - peak.StartBytes), peakBytes, live), outcome);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
