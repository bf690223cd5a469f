using System.Diagnostics;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using DataHub.Schemas.Reference;

namespace DataHub.Benchmarks;

/// <summary>
/// The reconciliation engine over in-memory registries of a synthetic city (8 sources: births, deaths,
/// enrolments, contributions, job events, assisted groups, student rosters, transfers) at several sizes,
/// beside the same rules as SQL joins in SQLite. Generation and loading are printed, not counted in the
/// reconcile figure. Goals: 10 M people ≤ 15 s and ≤ 3 GB; linear growth; ≥ 20× the SQL baseline.
/// </summary>
internal sealed class ReconcileBenchmark : IBenchmark
{
    private const double GoalSecondsAt10M = 15;
    private const double GoalGigabytes = 3;
    private const double GoalSpeedup = 20;
    // Linear growth: the time per person at the largest size at most this much above the smallest size's.
    private const double GoalGrowth = 1.5;
    private const int Repeats = 5;

    public string Name => "reconcile";

    public string Usage => "reconcile [--people 1000000,3000000,10000000] [--baseline-max 3000000] [--seed 1]   engine vs SQLite joins; goals at 10 M: <= 15 s, <= 3 GB, >= 20x SQL, time per person at the largest size <= 1.5x the smallest's (median of 5 runs each)";

    public int Run(BenchmarkOptions options)
    {
        var sizes = options.Longs("people", [1_000_000, 3_000_000, 10_000_000]);
        var baselineMax = options.Long("baseline-max", 3_000_000);
        var seed = (int)options.Long("seed", 1);
        var calendar = WorkingDayCalendar.Default;
        var met = true;
        var rows = new List<string>();
        var perPerson = new List<(long People, double Micros)>();
        foreach (var people in sizes)
        {
            Console.WriteLine($"--- {people:N0} people ---");
            var settings = new CitySettings((int)people, seed, CitySettings.DefaultAsOf);
            var generate = Stopwatch.StartNew();
            RegistryCitySink? sink = new RegistryCitySink((int)people);
            var plantedGaps = CityGenerator.Generate(settings, sink.ForChunk, calendar).Count;
            var generated = generate.Elapsed;
            var build = Stopwatch.StartNew();
            DataHub.Reconciliation.Registries.RegistrySet? registries = sink.Build();
            Console.WriteLine($"generate {generated.TotalSeconds:N1} s, build columnar registries {build.Elapsed.TotalSeconds:N1} s (not timed): " +
                $"{registries.RowCount:N0} rows in 8 sources, ~{registries.ApproximateBytes / 1e9:N2} GB; {plantedGaps:N0} planted gaps");

            var reconcileOptions = new ReconciliationOptions { AsOf = settings.AsOf };
            var engine = new ReconciliationEngine();
            engine.Run(registries, reconcileOptions, calendar); // warm-up (JIT), not counted
            GC.Collect(2, GCCollectionMode.Forced, true, true);
            var before = GC.GetTotalMemory(true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            using var sampler = new PeakMemorySampler();
            var measure = new StepMeasurement();
            ReconciliationResult? result = engine.Run(registries, reconcileOptions, calendar);
            var firstCost = measure.Stop();
            Console.WriteLine($"  run 1: {firstCost}");
            var times = new List<double> { firstCost.Wall.TotalSeconds };
            var workingSet = sampler.Stop();
            // Registries live on the heap + everything the run allocated (an upper bound: nothing is counted as freed).
            var peak = before + (GC.GetTotalAllocatedBytes(true) - allocatedBefore);
            // A run takes well under a second at these sizes, so one run is at the mercy of the scheduler: the figure
            // is the median of several runs (min and max printed beside it).
            for (var repeat = 1; repeat < Repeats; repeat++)
            {
                var m = new StepMeasurement();
                engine.Run(registries, reconcileOptions, calendar);
                var cost = m.Stop();
                Console.WriteLine($"  run {repeat + 1}: {cost}");
                times.Add(cost.Wall.TotalSeconds);
            }
            times.Sort();
            var seconds = times[times.Count / 2];
            var correct = result.HitCount == plantedGaps;
            Console.WriteLine($"reconcile: {seconds:N2} s (median of {Repeats}; min {times[0]:N2}, max {times[^1]:N2}), {result.HitCount:N0} gaps ({(correct ? "= planted" : "≠ planted!")}), " +
                $"memory {peak / 1e9:N2} GB (registries live on the heap {before / 1e9:N2} GB + allocated by the run); process working set peak {workingSet / 1e9:N2} GB (includes generation garbage not yet returned)");
            var describe = new StepMeasurement();
            var described = result.Gaps.Count;
            Console.WriteLine($"rendering the {described:N0} gaps as cases would (identity, summary, evidence with feed/file/line): {describe.Stop()} (not in the reconcile figure)");
            foreach (var (rule, time) in result.RuleTimes.OrderBy(t => t.Key)) Console.WriteLine($"    {rule,-36} {time.TotalSeconds,6:N2} s");

            string baseline = "not run";
            if (people <= baselineMax)
            {
                var (load, query, counts) = SqliteReconcileBaseline.Run(registries, reconcileOptions, calendar);
                var engineCounts = result.Rules.ToDictionary(r => r.Rule.Id, r => (long)r.Hits.Length);
                var agree = counts.All(c => engineCounts.GetValueOrDefault(c.Key) == c.Value);
                var speedup = query.TotalSeconds / seconds;
                baseline = $"{query.TotalSeconds:N1} s ({speedup:N0}x)";
                Console.WriteLine($"SQLite baseline: load {load.TotalSeconds:N1} s (not timed), rules {query.TotalSeconds:N1} s → engine is {speedup:N0}x faster; " +
                    $"counts {(agree ? "agree" : "DIFFER: " + string.Join(", ", counts.Select(c => $"{c.Key} sql {c.Value} engine {engineCounts.GetValueOrDefault(c.Key)}")))}");
                met &= agree && speedup >= GoalSpeedup;
            }
            else Console.WriteLine($"SQLite baseline: skipped above --baseline-max {baselineMax:N0}");
            met &= correct && peak / 1e9 <= GoalGigabytes;
            if (people >= 10_000_000) met &= seconds <= GoalSecondsAt10M;
            perPerson.Add((people, seconds / people * 1e6));
            rows.Add($"{people,12:N0} {generated.TotalSeconds,8:N1} {seconds,10:N2} {seconds / people * 1e6,9:N2} {peak / 1e9,8:N2} {baseline,18}");
            registries = null;
            result = null;
            sink = null;
            GC.Collect(2, GCCollectionMode.Forced, true, true);
        }
        Console.WriteLine();
        Console.WriteLine($"{"people",12} {"gen s",8} {"reconcile",10} {"µs/person",9} {"mem GB",8} {"SQLite rules",18}");
        foreach (var row in rows) Console.WriteLine(row);
        if (perPerson.Count > 1)
        {
            var growth = perPerson[^1].Micros / perPerson[0].Micros;
            var linear = growth <= GoalGrowth;
            Console.WriteLine($"growth: {perPerson[^1].Micros:N3} µs/person at {perPerson[^1].People:N0} vs {perPerson[0].Micros:N3} at {perPerson[0].People:N0} = {growth:N2}x " +
                $"({(linear ? "linear" : "NOT linear")}: goal <= {GoalGrowth}x)");
            met &= linear;
        }
        Console.WriteLine(met ? "PASS" : "MISS (see goals in the usage line)");
        return met ? 0 : 1;
    }
}

/// <summary>Samples the process's working set every 10 ms and keeps the highest.</summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;
    private long _peak;

    public PeakMemorySampler()
    {
        _peak = Environment.WorkingSet;
        _task = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = Environment.WorkingSet;
                if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                try { await Task.Delay(10, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public long Stop()
    {
        _stop.Cancel();
        _task.Wait();
        return Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet);
    }

    public void Dispose() => _stop.Dispose();
}
