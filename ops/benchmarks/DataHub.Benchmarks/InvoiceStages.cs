using System.Diagnostics;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;

namespace DataHub.Benchmarks;

/// <summary>
/// The invoice path's stages on one thread without Kafka, each timed by wall clock and by process CPU time:
/// parsing from the file, then validating, the ledger and Avro encoding over invoices already in memory.
/// </summary>
internal sealed class InvoiceStages(string file, InvoiceEventEncoder encoder)
{
    private const int InMemory = 20_000;
    private readonly InvoiceValidator _validator = new();
    private readonly Invoice[] _sample = [.. InvoiceFileReader.Read(file).Select(r => r.Invoice!).Take(InMemory)];

    public void Measure(string stage, Func<InvoiceStages, long> run)
    {
        run(this); // warm-up: JIT, tiering, caches
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = run(this);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"{stage,-44} {count / seconds,12:N0} invoices/s, process CPU {cpuSeconds * 1e6 / count,5:F2} µs per invoice");
    }

    /// <summary>The first <paramref name="count"/> issued invoices' keys and events.</summary>
    public IReadOnlyList<(byte[] Key, byte[] Value)> EncodedSample(int count) =>
        [.. _sample.Where(i => i.Kind == InvoiceKind.Issued).Take(count).Select(i => (InvoiceKeys.KeyBytes(InvoiceKeys.Pack(i.InvoiceCode, i.InvoiceNumber)), encoder.Encode(i)))];

    /// <summary>As the runner reads: invoice objects handed back once done with, and filled again.</summary>
    public long Parse()
    {
        long n = 0;
        var recycler = new InvoiceRecycler();
        foreach (var read in InvoiceFileReader.Read(file, recycler))
        {
            if (read.Invoice is null) continue;
            n++;
            recycler.Return(read.Invoice);
        }
        return n;
    }

    public long Validate() => Cycle(invoice => _validator.Validate(invoice) is null);

    /// <summary>A fresh ledger per pass (each invoice is accepted once).</summary>
    public long Ledger()
    {
        long n = 0;
        for (var pass = 0; pass < 5; pass++)
        {
            var ledger = new InvoiceLedger();
            n += Cycle(invoice =>
            {
                if (ledger.Check(invoice) is not null) return false;
                ledger.Accept(invoice);
                return true;
            }, passes: 1);
        }
        return n;
    }

    public long Encode()
    {
        long bytes = 0;
        var n = Cycle(invoice => (bytes += encoder.Encode(invoice).Length) > 0);
        return bytes > 0 ? n : 0;
    }

    /// <summary>Runs <paramref name="step"/> over the invoices in memory, several times over; the count of those it passed.</summary>
    private long Cycle(Func<Invoice, bool> step, int passes = 10)
    {
        long n = 0;
        for (var pass = 0; pass < passes; pass++)
            foreach (var invoice in _sample)
                if (step(invoice)) n++;
        return n;
    }
}
