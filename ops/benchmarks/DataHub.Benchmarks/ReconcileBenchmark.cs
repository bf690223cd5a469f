using System.Diagnostics;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using DataHub.Schemas.Reference;

namespace DataHub.Benchmarks;

/// <summary>
/// The reconcile step of the product (the engine finding the gaps and rendering them for the cases) over
/// in-memory registries of a synthetic city (8 sources: births, deaths, enrolments, contributions, job events,
/// assisted groups, student rosters, transfers) at several sizes, beside the same rules as SQL joins in SQLite
/// on the same registries. Generation and loading are printed, not counted. Goals (issue #6): 10 M people in
/// ≤ 15 s and ≤ 3 GB; time per person at the largest size ≤ 1.5× the smallest's; ≥ 20× the SQL baseline.
/// </summary>
internal sealed class ReconcileBenchmark : IBenchmark
{
    private const double GoalSecondsAt10M = 15;
    private const double GoalGigabytes = 3;
    private const double GoalSpeedup = 20;
    private const double GoalGrowth = 1.5;
    private const int Repeats = 5;

    public string Name => "reconcile";

    public string Usage => "reconcile [--people 1000000,3000000,10000000] [--baseline-max 3000000] [--seed 1]   the reconcile step (find + render gaps) vs SQLite joins; goals: 10 M <= 15 s, <= 3 GB, >= 20x SQL, time per person at the largest size <= 1.5x the smallest's (median of 5 runs each)";

    private sealed record SizeResult(long People, double Generate, double Build, ReconcileRun[] Runs, double Step, double Find, double FindCpu, double Render,
        double Cpu, double PeakGb, bool Correct, double? SqlSeconds, double? SqlCpu, bool SqlAgrees)
    {
        public double MicrosPerPerson => Step / People * 1e6;
        public double? Speedup => SqlSeconds / Find;
    }

    public int Run(BenchmarkOptions options)
    {
        var sizes = options.Longs("people", [1_000_000, 3_000_000, 10_000_000]);
        var baselineMax = options.Long("baseline-max", 3_000_000);
        var seed = (int)options.Long("seed", 1);
        var calendar = WorkingDayCalendar.Default;
        Console.WriteLine($"{Environment.ProcessorCount} cores, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}" +
            $"{(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "" : " concurrent")}; load average {LoadAverage()}");
        var runtimeBytes = Environment.WorkingSet;
        var results = sizes.Select(people => Measure(people, seed, baselineMax, calendar, runtimeBytes)).ToList();
        return Summarise(results);
    }

    private static SizeResult Measure(long people, int seed, long baselineMax, WorkingDayCalendar calendar, long runtimeBytes)
    {
        Console.WriteLine($"--- {people:N0} people (load average {LoadAverage()}) ---");
        var settings = new CitySettings((int)people, seed, CitySettings.DefaultAsOf);
        var generate = Stopwatch.StartNew();
        var sink = new RegistryCitySink((int)people);
        var plantedGaps = CityGenerator.Generate(settings, sink.ForChunk, calendar).Count;
        var generated = generate.Elapsed.TotalSeconds;
        var build = Stopwatch.StartNew();
        var registries = sink.Build();
        var built = build.Elapsed.TotalSeconds;
        Console.WriteLine($"generate {generated:N1} s, build columnar registries {built:N1} s (loading, not in the reconcile figure): " +
            $"{registries.RowCount:N0} rows in 8 sources; {plantedGaps:N0} planted gaps");

        var reconcileOptions = new ReconciliationOptions { AsOf = settings.AsOf };
        var (result, runList, registriesBytes) = ReconcileMeasurement.Measure(registries, reconcileOptions, calendar, Repeats, runtimeBytes);
        var runs = runList.ToArray();
        for (var i = 0; i < runs.Length; i++)
            Console.WriteLine($"  run {i + 1}: find {runs[i].Find.TotalSeconds:N2} s (CPU {runs[i].FindCpu.TotalSeconds:N2} s) + render {runs[i].Render.TotalSeconds:N2} s = {runs[i].Step}, " +
                $"step peak {runs[i].StepPeakBytes / 1e9:N2} GB (process resident peak {runs[i].ProcessPeakBytes / 1e9:N2} GB)");
        var step = ReconcileMeasurement.Median(runs.Select(r => r.Step.Wall.TotalSeconds));
        var correct = result.HitCount == plantedGaps && result.GapCount == plantedGaps;
        var peakGb = runs.Max(r => r.StepPeakBytes) / 1e9;
        Console.WriteLine($"reconcile step: {step:N2} s (median of {Repeats}; min {runs.Min(r => r.Step.Wall.TotalSeconds):N2}, max {runs.Max(r => r.Step.Wall.TotalSeconds):N2}); " +
            $"CPU {ReconcileMeasurement.Median(runs.Select(r => r.Step.Cpu.TotalSeconds)):N2} s; {result.GapCount:N0} gaps ({(correct ? "= planted" : "≠ planted!")}); " +
            $"peak memory {peakGb:N2} GB (runtime at start {runtimeBytes / 1e9:N2} GB + registries on the heap {registriesBytes / 1e9:N2} GB + the most the process grew during the step; live with the rendered gaps {runs[^1].LiveAfterBytes / 1e9:N2} GB)");
        foreach (var (rule, time) in result.RuleTimes.OrderBy(t => t.Key, StringComparer.Ordinal)) Console.WriteLine($"    {rule,-36} find {time.TotalSeconds,6:N2} s");

        double? sqlSeconds = null, sqlCpu = null;
        var agrees = true;
        if (people <= baselineMax)
        {
            var (load, query, counts) = SqliteReconcileBaseline.Run(registries, reconcileOptions, calendar);
            var engineCounts = result.HitsByRule;
            agrees = counts.All(c => engineCounts.GetValueOrDefault(c.Key) == c.Value) && counts.Count == engineCounts.Count;
            (sqlSeconds, sqlCpu) = (query.Wall.TotalSeconds, query.Cpu.TotalSeconds);
            Console.WriteLine($"SQLite baseline: load {load.TotalSeconds:N1} s (not timed), rules {query}; counts " +
                (agrees ? "agree" : "DIFFER: " + string.Join(", ", counts.Select(c => $"{c.Key} sql {c.Value} engine {engineCounts.GetValueOrDefault(c.Key)}"))));
        }
        else Console.WriteLine($"SQLite baseline: skipped above --baseline-max {baselineMax:N0} (loading its rows into SQLite takes minutes)");
        return new SizeResult(people, generated, built, runs, step, ReconcileMeasurement.Median(runs.Select(r => r.Find.TotalSeconds)),
            ReconcileMeasurement.Median(runs.Select(r => r.FindCpu.TotalSeconds)),
            ReconcileMeasurement.Median(runs.Select(r => r.Render.TotalSeconds)), ReconcileMeasurement.Median(runs.Select(r => r.Step.Cpu.TotalSeconds)),
            peakGb, correct, sqlSeconds, sqlCpu, agrees);
    }

    private static int Summarise(List<SizeResult> results)
    {
        Console.WriteLine();
        Console.WriteLine($"load average {LoadAverage()}; reconcile = find + render, median of {Repeats} (min-max); SQLite = the same rules as joins, counts only");
        Console.WriteLine($"{"people",12} {"reconcile s",20} {"find s",7} {"render s",8} {"CPU s",6} {"µs/person",9} {"peak GB",7} {"SQLite s",9} {"SQL/find",8} {"SQL/step",8}");
        foreach (var r in results)
            Console.WriteLine($"{r.People,12:N0} {$"{r.Step:N2} ({r.Runs.Min(x => x.Step.Wall.TotalSeconds):N2}-{r.Runs.Max(x => x.Step.Wall.TotalSeconds):N2})",20} " +
                $"{r.Find,7:N2} {r.Render,8:N2} {r.Cpu,6:N2} {r.MicrosPerPerson,9:N3} {r.PeakGb,7:N2} {(r.SqlSeconds is { } s ? s.ToString("N1") : "-"),9} " +
                $"{(r.Speedup is { } x ? $"{x:N0}x" : "-"),8} {(r.SqlSeconds is { } q ? $"{q / r.Step:N1}x" : "-"),8}");
        var goals = new List<(string Goal, bool? Met, string Detail)>();
        var largest = results.MaxBy(r => r.People)!;
        goals.Add(("10 M people in <= 15 s", largest.People >= 10_000_000 ? largest.Step <= GoalSecondsAt10M : null, $"{largest.Step:N2} s at {largest.People:N0}"));
        goals.Add(("peak memory <= 3 GB", results.All(r => r.PeakGb <= GoalGigabytes), string.Join(", ", results.Select(r => $"{r.PeakGb:N2} GB"))));
        var smallest = results.MinBy(r => r.People)!;
        var growth = largest.MicrosPerPerson / smallest.MicrosPerPerson;
        var cpuGrowth = largest.Cpu / largest.People / (smallest.Cpu / smallest.People);
        goals.Add(("linear growth (µs/person, largest <= 1.5x smallest)", results.Count > 1 ? growth <= GoalGrowth : null,
            $"{growth:N2}x wall, {cpuGrowth:N2}x CPU ({smallest.People:N0} → {largest.People:N0})"));
        var compared = results.Where(r => r.Speedup is not null).ToList();
        goals.Add(("finding >= 20x the SQLite joins", compared.Count > 0 ? compared.All(r => r.Speedup >= GoalSpeedup) : null,
            string.Join(", ", compared.Select(r => $"{r.Speedup:N0}x (by CPU time {r.SqlCpu / r.FindCpu:N0}x; whole step with rendering {r.SqlSeconds / r.Step:N1}x) at {r.People:N0}"))));
        goals.Add(("gaps = planted, SQL counts agree", results.All(r => r.Correct && r.SqlAgrees), ""));
        foreach (var (goal, met, detail) in goals)
            Console.WriteLine($"{(met is null ? "n/a " : met.Value ? "PASS" : "MISS"),-5} {goal}: {detail}");
        var all = goals.All(g => g.Met != false);
        Console.WriteLine(all ? "PASS" : "MISS");
        return all ? 0 : 1;
    }

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }
}
