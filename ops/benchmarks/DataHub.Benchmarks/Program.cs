using DataHub.Benchmarks;

IBenchmark[] benchmarks = [new IdsBenchmark(), new IngestBenchmark(), new InvoicesBenchmark(), new ReconcileBenchmark(), new CasesApiBenchmark()];

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("usage: dotnet run -c Release --project ops/benchmarks/DataHub.Benchmarks -- <benchmark> [options]");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Usage}");
    return args.Length == 0 ? 2 : 0;
}

var benchmark = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (benchmark is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}' (known: {string.Join(", ", benchmarks.Select(b => b.Name))})");
    return 2;
}

try
{
    return benchmark.Run(new BenchmarkOptions(args[1..]));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine($"usage: {benchmark.Usage}");
    return 2;
}
