using System.Diagnostics;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;

namespace DataHub.Benchmarks;

/// <summary>The invoice path's stages on one thread without Kafka, each timed by wall clock and by the thread's CPU time.</summary>
internal sealed class InvoiceStages(string file, InvoiceEventEncoder encoder)
{
    private readonly InvoiceValidator _validator = new();

    public void Measure(string stage, Func<InvoiceStages, long> run)
    {
        run(this); // warm-up: JIT, tiering, caches
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = run(this);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"{stage}, one thread: {count / seconds,12:N0} invoices/s, process CPU {cpuSeconds * 1e6 / count:F1} µs per invoice");
    }

    public long Parse()
    {
        long n = 0;
        foreach (var read in InvoiceFileReader.Read(file))
            if (read.Invoice is not null) n++;
        return n;
    }

    public long Validate()
    {
        long n = 0;
        foreach (var read in InvoiceFileReader.Read(file))
            if (read.Invoice is { } invoice && _validator.Validate(invoice) is null) n++;
        return n;
    }

    public long Encode()
    {
        long n = 0, bytes = 0;
        var ledger = new InvoiceLedger();
        foreach (var read in InvoiceFileReader.Read(file))
        {
            if (read.Invoice is not { } invoice || _validator.Validate(invoice) is not null || ledger.Check(invoice) is not null) continue;
            ledger.Accept(invoice);
            bytes += encoder.Encode(invoice).Length;
            n++;
        }
        return bytes > 0 ? n : 0;
    }
}
