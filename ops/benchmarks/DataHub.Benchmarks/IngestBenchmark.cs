using System.Diagnostics;

namespace DataHub.Benchmarks;

/// <summary>
/// Contributions CSV → parse → validate → Avro (Confluent wire format) → Kafka on the embedded cluster:
/// the hub's FeedRunner end to end against raw librdkafka producing the same bytes and a naive pipeline.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    private const double GoalPerSecond = 400_000;
    private const double GoalOfRaw = 0.5;
    private const double GoalOverNaive = 5;
    private const long NaiveRecords = 2_000;
    private const int RawPool = 200_000;

    public string Name => "ingest";

    public string Usage => "ingest [--records N] [--hub-only]   contributions CSV → validate → Avro → embedded Kafka with the hub's FeedRunner (default 10,000,000; also runs 1,000,000), vs raw librdkafka and a naive pipeline; --hub-only runs just the hub on N records (for profiling)";

    public int Run(BenchmarkOptions options) => RunAsync(options.Long("records", 10_000_000), options.Flag("hub-only")).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(long records, bool hubOnly)
    {
        Console.WriteLine($"ingest: {Environment.ProcessorCount} cores; embedded Kafka cluster (3 brokers, topic with {IngestEnvironment.Partitions} partitions, lz4).");
        Console.WriteLine("note: the embedded cluster keeps only ~5 MB per partition and drops older batches; that does not slow producing, so the figures stand for produce throughput.");
        await using var env = await IngestEnvironment.StartAsync();
        var sizes = records > 1_000_000 && !hubOnly ? new[] { 1_000_000L, records } : [records];
        double hubRate = 0, rawRate = 0;
        string? firstCsv = null;
        foreach (var size in sizes)
        {
            var csv = Path.Combine(env.Directory, $"contributions-{size}.csv");
            firstCsv ??= csv;
            var generate = Stopwatch.StartNew();
            var good = ContributionCsv.Write(csv, size, seed: (int)(size % 1000) + 1);
            Console.WriteLine($"generated {size:N0} rows ({new FileInfo(csv).Length / 1048576.0:N0} MiB, {size - good:N0} invalid) in {generate.Elapsed.TotalSeconds:N1} s (not timed)");
            long read, published, peak, managed;
            TimeSpan elapsed, cpu;
            using (var sampler = new WorkingSetSampler())
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                (read, elapsed, published) = await IngestPhases.HubAsync(env, csv);
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                peak = sampler.PeakBytes;
                managed = sampler.PeakManagedBytes;
            }
            hubRate = read / elapsed.TotalSeconds;
            Console.WriteLine($"(a) hub FeedRunner, {size:N0} rows: {hubRate,12:N0} rec/s  ({elapsed.TotalSeconds:N1} s; {published:N0} published, {read - published:N0} dead-lettered; CPU {cpu.TotalMicroseconds / read:N2} µs per record over all threads; peak working set during the run {peak / 1048576.0:N0} MiB, of which managed heap at most {managed / 1048576.0:N0} MiB; the embedded cluster is included)");
            if (hubOnly) return 0;
            // Right after the hub run, so both see the same machine load.
            var (rawCount, rawElapsed, rawCpu) = await IngestPhases.RawAsync(env, csv, size, RawPool);
            rawRate = rawCount / rawElapsed.TotalSeconds;
            Console.WriteLine($"(b) raw librdkafka produce of the same pre-serialized messages ({Math.Min(RawPool, rawCount):N0} distinct, cycled to {rawCount:N0}), no delivery handler: {rawRate,12:N0} rec/s  (CPU {rawCpu.TotalMicroseconds / rawCount:N2} µs per record; hub = {hubRate / rawRate:P0} of raw)");
        }
        foreach (var stock in new[] { false, true })
        {
            var (n, t) = await IngestPhases.WithoutKafkaAsync(env, firstCsv!, stock);
            Console.WriteLine($"    hub's own work without Kafka, {n:N0} rows (read + validate + {(stock ? "stock AvroSerializer" : "compiled Avro")}), one thread: {n / t.TotalSeconds,12:N0} rec/s");
        }
        var (naiveCount, naiveElapsed) = await IngestPhases.NaiveAsync(env, firstCsv!, NaiveRecords);
        var naiveRate = naiveCount / naiveElapsed.TotalSeconds;
        Console.WriteLine($"(c) naive pipeline (CsvHelper records + GenericRecord + AvroSerializer + awaited ProduceAsync), on only {naiveCount:N0} rows: {naiveRate,12:N0} rec/s");
        Console.WriteLine("goals are judged on the largest run.");

        var ok = true;
        ok &= Goal($"hub ≥ {GoalPerSecond:N0} rec/s", hubRate >= GoalPerSecond, $"{hubRate:N0}");
        ok &= Goal($"hub ≥ {GoalOfRaw:P0} of raw", hubRate >= GoalOfRaw * rawRate, $"{hubRate / rawRate:P0}");
        ok &= Goal($"hub ≥ {GoalOverNaive}× naive", hubRate >= GoalOverNaive * naiveRate, $"{hubRate / naiveRate:N0}×");
        return ok ? 0 : 1;
    }

    private static bool Goal(string goal, bool met, string actual)
    {
        Console.WriteLine($"{(met ? "PASS" : "MISS")}  {goal}: {actual}");
        return met;
    }
}
