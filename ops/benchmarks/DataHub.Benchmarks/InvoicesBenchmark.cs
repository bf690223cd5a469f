using System.Diagnostics;
using DataHub.Hub.Hosting;
using DataHub.Hub.Invoices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataHub.Benchmarks;

/// <summary>
/// E-invoices from file to events: NDJSON invoices with 10 item lines each → parse → validate (formats,
/// codes, sums, ledger) → Avro → Kafka on the embedded cluster. Goal: 100,000 invoices per second.
/// </summary>
internal sealed class InvoicesBenchmark : IBenchmark
{
    private const double Goal = 100_000;

    public string Name => "invoices";

    public string Usage => "invoices [--count N (default 200000)] [--items 10]";

    public int Run(BenchmarkOptions options)
    {
        var count = (int)options.Long("count", 200_000);
        var items = (int)options.Long("items", 10);
        var dir = Directory.CreateTempSubdirectory("datahub-bench-invoices-");
        try
        {
            var file = Path.Combine(dir.FullName, "invoices.ndjson");
            var generate = Stopwatch.StartNew();
            var generator = new InvoiceGenerator(seed: 42);
            InvoiceGenerator.WriteNdjson(file, Enumerable.Range(0, count).Select(_ => generator.Issued(items)));
            Console.WriteLine($"generated {count:N0} invoices × {items} items ({new FileInfo(file).Length / 1e6:F0} MB) in {generate.Elapsed.TotalSeconds:F1} s (not timed below)");
            OwnWork(file);
            return RunHub(file, count, dir.FullName).GetAwaiter().GetResult();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The hub's own work per stage, without Kafka: where the time goes.</summary>
    private static void OwnWork(string file)
    {
        var clock = Stopwatch.StartNew();
        var invoices = DataHub.Connectors.Invoices.InvoiceFileReader.Read(file).Select(r => r.Invoice!).ToList();
        var parse = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var validator = new DataHub.Connectors.Invoices.InvoiceValidator();
        var invalid = invoices.Count(i => validator.Validate(i) is not null);
        var validate = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"own work: parse {invoices.Count / parse:N0} invoices/s, validate {invoices.Count / validate:N0} invoices/s ({invalid} invalid)");
    }

    private static async Task<int> RunHub(string file, int count, string dataDir)
    {
        await using var runtime = await HubRuntime.StartAsync(Options.Create(new DataHubOptions { DataDirectory = dataDir }),
            Options.Create(new KafkaOptions()), Options.Create(new SchemaRegistryOptions()), Options.Create(new StoreOptions()), NullLoggerFactory.Instance);
        var runner = new InvoiceRunner(runtime.Kafka, runtime.Registry, runtime.FeedState,
            new SqliteInvoiceLedgerStore(runtime.Database, runtime.Kafka.ClusterIdentity), NullLogger<InvoiceRunner>.Instance);
        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync([file], "benchmark");
        var seconds = clock.Elapsed.TotalSeconds;
        var rate = result.Published / seconds;
        Console.WriteLine($"hub: {result.Published:N0} of {count:N0} invoices published, {result.DeadLettered:N0} dead-lettered, in {seconds:F2} s");
        Console.WriteLine($"hub: {rate:N0} invoices/s ({rate * 10:N0} item lines/s); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
        Console.WriteLine($"goal ≥ {Goal:N0} invoices/s: {(rate >= Goal ? "PASS" : "MISS")}");
        Console.WriteLine("note: the embedded cluster keeps only ~5 MB per partition; this measures the produce path, not retention.");
        return rate >= Goal ? 0 : 1;
    }
}
