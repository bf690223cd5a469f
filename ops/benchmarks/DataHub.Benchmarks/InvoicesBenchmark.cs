using System.Diagnostics;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Hosting;
using DataHub.Hub.Invoices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataHub.Benchmarks;

/// <summary>
/// E-invoices from file to events: NDJSON invoices with 10 item lines each (1 in 100 a red-letter invoice
/// voiding one 50 earlier) → parse → validate (formats, codes, sums) → ledger (duplicates, red-letter rules,
/// persisted in the store) → Avro → Kafka on the embedded cluster, with the InvoiceRunner. Prints each stage on
/// one thread without Kafka, the store's ledger writes, and the whole path, as invoices per second and as
/// process CPU time per invoice (steadier than wall-clock time on a shared machine). Goal: 100,000 invoices/s.
/// </summary>
internal sealed class InvoicesBenchmark : IBenchmark
{
    private const double Goal = 100_000;
    private const int WarmUp = 200_000;
    private const int DefaultCount = 500_000;
    /// <summary>Timed runs, each on a file of its own; the median decides (one run on 2 shared cores varies by ±10%).</summary>
    private const int TimedRuns = 3;

    public string Name => "invoices";

    public string Usage => "invoices [--count N (default 500000)] [--items 10] [--runner-only]   e-invoice file → validate → ledger → Avro → embedded Kafka (InvoiceRunner), with its stages; --runner-only skips the stages (for profiling)";

    public int Run(BenchmarkOptions options) => RunAsync((int)options.Long("count", DefaultCount), (int)options.Long("items", 10), options.Flag("runner-only")).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int count, int items, bool runnerOnly)
    {
        var dir = Directory.CreateTempSubdirectory("datahub-bench-invoices-");
        try
        {
            Console.WriteLine($"invoices: {Environment.ProcessorCount} cores, load average {LoadAverage()}; embedded Kafka cluster (3 brokers, lz4), SQLite store.");
            var files = new List<string>();
            var generate = Stopwatch.StartNew();
            for (var run = 0; run < TimedRuns; run++)
            {
                // Each run gets invoices of its own (seeded number ranges do not overlap), so none is a duplicate.
                files.Add(Path.Combine(dir.FullName, $"invoices-{run + 1}.ndjson"));
                InvoiceGenerator.WriteNdjson(files[^1], Invoices(count, items, seed: 42 + run));
            }
            Console.WriteLine($"generated {TimedRuns} files of {count:N0} invoices × {items} items ({new FileInfo(files[0]).Length / 1048576.0:N0} MiB each) in {generate.Elapsed.TotalSeconds:F1} s (not timed)");

            await using var runtime = await HubRuntime.StartAsync(Options.Create(new DataHubOptions { DataDirectory = dir.FullName }),
                Options.Create(new KafkaOptions()), Options.Create(new SchemaRegistryOptions()), Options.Create(new StoreOptions()), NullLoggerFactory.Instance);
            runtime.EmbeddedCluster!.CreateTopic("bench.invoice.produce-only", 3);
            if (!runnerOnly) await MeasureStagesAsync(runtime, files[0], count);

            var ledger = new SqliteInvoiceLedgerStore(runtime.Database, runtime.Kafka.ClusterIdentity);
            var runner = new InvoiceRunner(runtime.Kafka, runtime.Registry, runtime.FeedState, ledger, NullLogger<InvoiceRunner>.Instance);
            // The hub is a long-running service: measure it compiled (a first run pays the JIT), on other invoices.
            var warmUp = Path.Combine(dir.FullName, "warm-up.ndjson");
            InvoiceGenerator.WriteNdjson(warmUp, Invoices(WarmUp, items, seed: 7));
            var cold = Stopwatch.StartNew();
            await runner.RunAsync([warmUp], "benchmark warm-up");
            Console.WriteLine($"(warm-up) the same run over {WarmUp:N0} other invoices first, the process's first (it pays the JIT): {WarmUp / cold.Elapsed.TotalSeconds:N0} invoices/s; not counted");
            var rates = new List<double>();
            var rejected = 0L;
            for (var run = 0; run < TimedRuns; run++)
            {
                var (rate, deadLettered) = await TimedRunAsync(runner, files[run], items, $"(7.{run + 1})");
                rates.Add(rate);
                rejected += deadLettered;
            }
            var median = rates.Order().ElementAt(TimedRuns / 2);
            Console.WriteLine("note: the embedded cluster keeps only ~5 MB per partition and drops older batches; that does not slow producing, so the figures stand for produce throughput.");
            var met = median >= Goal && rejected == 0;
            Console.WriteLine($"{(met ? "PASS" : "MISS")}  file → events ≥ {Goal:N0} invoices/s: median of {TimedRuns} runs {median:N0} (runs: {string.Join(", ", rates.Select(r => r.ToString("N0")))})");
            return met ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>(7) One file from file to events with the hub's InvoiceRunner: invoices/s, CPU per invoice and per thread, GC, memory.</summary>
    private static async Task<(double Rate, long DeadLettered)> TimedRunAsync(InvoiceRunner runner, string file, int items, string label)
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var sampler = new WorkingSetSampler();
        var (gc0, gc1, gc2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        using var threads = new ThreadCpuSampler();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync([file], "benchmark");
        var perThread = threads.Stop();
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var rate = result.Read / seconds;
        Console.WriteLine($"{label} hub InvoiceRunner, file → events: {rate,12:N0} invoices/s ({rate * items:N0} item lines/s) — {result.Published:N0} published, " +
            $"{result.DeadLettered:N0} dead-lettered, in {seconds:F2} s; process CPU {cpuSeconds:F2} s = {cpuSeconds * 1e6 / result.Read:F1} µs per invoice " +
            $"(all threads: runner, librdkafka, embedded brokers, SQLite); peak working set {sampler.PeakBytes / 1048576.0:N0} MiB, managed heap at most {sampler.PeakManagedBytes / 1048576.0:N0} MiB");
        Console.WriteLine($"    CPU by thread: {string.Join(", ", perThread.Select(t => $"{t.Name} {t.Seconds * 1e6 / result.Read:F1} µs"))}");
        Console.WriteLine($"    GC during the run: {GC.CollectionCount(0) - gc0} gen0, {GC.CollectionCount(1) - gc1} gen1, {GC.CollectionCount(2) - gc2} gen2 collections, " +
            $"{(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:N0} ms paused, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)result.Read:N0} bytes allocated per invoice; " +
            $"over 2 idle cores its CPU time would allow about {result.Read / (cpuSeconds / Math.Min(Environment.ProcessorCount, 2)):N0} invoices/s (a bound, not a measurement)");
        return (rate, result.DeadLettered);
    }

    /// <summary>Each stage of the path on its own, then the store and Kafka alone: where a run's time goes.</summary>
    private static async Task MeasureStagesAsync(HubRuntime runtime, string file, int count)
    {
        var encoder = await InvoiceEventEncoder.CreateAsync(runtime.Registry);
        var stages = new InvoiceStages(file, encoder);
        stages.Measure("(1) parse (NDJSON file → invoices)", s => s.Parse());
        stages.Measure("(2) validate (in memory)", s => s.Validate());
        stages.Measure("(3) ledger check + accept (in memory)", s => s.Ledger());
        stages.Measure("(4) Avro encode", s => s.Encode());
        StoreWrites(runtime, count);
        var sample = stages.EncodedSample(10_000);
        ProduceOnly(runtime, sample, count, withHandler: true);
        ProduceOnly(runtime, sample, count, withHandler: false);
    }

    /// <summary>Issued invoices, every 100th a red-letter invoice voiding the one 50 earlier.</summary>
    private static IEnumerable<Invoice> Invoices(int count, int items, int seed = 42)
    {
        var generator = new InvoiceGenerator(seed);
        var recent = new Invoice[50];
        for (var i = 0; i < count; i++)
        {
            if (i % 100 == 99) { yield return generator.VoidOf(recent[i % 50]); continue; }
            var invoice = generator.Issued(items);
            recent[i % 50] = invoice;
            yield return invoice;
        }
    }

    /// <summary>(5) The ledger's store: rows written in transactions of 50,000, looked up in batches of 1,024.</summary>
    private static void StoreWrites(HubRuntime runtime, int count)
    {
        var store = new SqliteInvoiceLedgerStore(runtime.Database, "benchmark-store");
        var source = store.SourceId("hash", "bench.ndjson");
        var rows = Enumerable.Range(1, count).Select(i => new AcceptedInvoiceRow(
            new LedgerEntry(320101260000000000L + i, InvoiceKind.Issued, 70600, 42360, 7060, 21180, 0), 0, 1234567890123456L, 20_000, "H32010204712", i)).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(50_000)) store.Save(source, chunk);
        var write = clock.Elapsed.TotalSeconds;
        clock.Restart();
        long found = 0;
        foreach (var chunk in rows.Select(r => r.Entry.Key + count / 2).Chunk(1024)) found += store.Find(chunk).Count;
        var find = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"(5) ledger in the store (SQLite): {count / write,12:N0} rows/s written, {count / find:N0} keys/s looked up ({found:N0} found)");
    }

    /// <summary>(6) Kafka alone: the same producer settings sending already-encoded invoice events, with a delivery handler.</summary>
    private static void ProduceOnly(HubRuntime runtime, IReadOnlyList<(byte[] Key, byte[] Value)> events, int count, bool withHandler)
    {
        // librdkafka's log lines (a CONFWARN that the gapless guarantee is experimental) would interleave with the figures.
        using var producer = new Confluent.Kafka.ProducerBuilder<byte[], byte[]>(runtime.Kafka.ProducerConfig()).SetLogHandler((_, _) => { }).Build();
        long acknowledged = 0;
        Action<Confluent.Kafka.DeliveryReport<byte[], byte[]>>? handler = withHandler ? _ => Interlocked.Increment(ref acknowledged) : null;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var (key, value) = events[i % events.Count];
            while (true)
            {
                try { producer.Produce("bench.invoice.produce-only", new Confluent.Kafka.Message<byte[], byte[]> { Key = key, Value = value }, handler); break; }
                catch (Confluent.Kafka.ProduceException<byte[], byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull) { producer.Poll(TimeSpan.FromMilliseconds(50)); }
            }
        }
        producer.Flush(TimeSpan.FromMinutes(2));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"(6) Kafka alone, the events already encoded ({events.Average(e => e.Value.Length):N0} bytes each), {(withHandler ? "with" : "WITHOUT")} a delivery handler: {count / seconds,12:N0} events/s, process CPU {cpuSeconds * 1e6 / count:F1} µs per event");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
