using System.CommandLine;
using DataHub.Cli.Console;
using DataHub.Hub.Invoices;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub invoices run|generate`: medical-fee e-invoices (docs/invoices.md).</summary>
public static class InvoicesCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var command = new Command("invoices", "Validate and publish medical-fee e-invoices (JSON, NDJSON or XML; docs/invoices.md).");
        command.Subcommands.Add(Run(verbose));
        command.Subcommands.Add(Generate());
        return command;
    }

    private static Command Run(Option<bool> verbose)
    {
        var path = new Argument<string>("path") { Description = "An invoice file, a folder of them, or a glob." };
        var command = new Command("run", "Publish invoices as issued/voided events; invalid, duplicate or double-voiding ones go to dead letters.") { path };
        command.SetAction(async (parse, ct) =>
        {
            var files = InvoiceFiles(parse.GetValue(path)!);
            if (files.Count == 0) { AnsiConsole.MarkupLine($"[yellow]no invoice files at[/] {Markup.Escape(parse.GetValue(path)!)}"); return 1; }
            using var host = CliHost.Build(parse.GetValue(verbose));
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
            var result = await FeedProgressDisplay.RunAsync("invoices", p => Runner(host, runtime).RunAsync(files, "command line", p, ct));
            RunSummary.Print(result);
            return 0;
        });
        return command;
    }

    public static InvoiceRunner Runner(Microsoft.Extensions.Hosting.IHost host, Hub.Hosting.HubRuntime runtime) =>
        new(runtime.Kafka, runtime.Registry, runtime.FeedState, runtime.Store.InvoiceLedger(runtime.Kafka.ClusterIdentity),
            host.Services.GetRequiredService<ILogger<InvoiceRunner>>());

    private static Command Generate()
    {
        var count = new Option<int>("--count") { Description = "How many issued invoices.", DefaultValueFactory = _ => 1000 };
        var items = new Option<int>("--items") { Description = "Item lines per invoice.", DefaultValueFactory = _ => 10 };
        var voids = new Option<int>("--voids") { Description = "Of those, how many are later voided by a red-letter invoice.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same file).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "File to write: XML for a .xml name (the hospitals' layout), else NDJSON.", Required = true };
        var command = new Command("generate", "Write valid synthetic invoices in the documented layout (NDJSON, or XML for a .xml file).") { count, items, voids, seed, output };
        command.SetAction(parse =>
        {
            var generator = new InvoiceGenerator(parse.GetValue(seed));
            var (total, voided) = (parse.GetValue(count), Math.Min(parse.GetValue(voids), parse.GetValue(count)));
            // Streams: only the invoices to void later are kept.
            var toVoid = new List<Connectors.Invoices.Invoice>(voided);
            IEnumerable<Connectors.Invoices.Invoice> Issued()
            {
                for (var i = 0; i < total; i++)
                {
                    var invoice = generator.Issued(parse.GetValue(items));
                    if (i < voided) toVoid.Add(invoice);
                    yield return invoice;
                }
            }
            InvoiceGenerator.Write(parse.GetValue(output)!, Issued().Concat(toVoid.Select(generator.VoidOf)));
            AnsiConsole.MarkupLine($"wrote {total:N0} invoices and {voided:N0} voids to {Markup.Escape(parse.GetValue(output)!)}");
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<string> InvoiceFiles(string path)
    {
        if (File.Exists(path)) return [Path.GetFullPath(path)];
        if (Directory.Exists(path))
            return Directory.GetFiles(path).Where(f => f.EndsWith(".json") || f.EndsWith(".ndjson") || f.EndsWith(".jsonl") || f.EndsWith(".xml")).Order().ToArray();
        var feed = new Connectors.Definitions.FeedDefinition { Source = { Path = Path.GetFullPath(path) } };
        return SourceFiles.Resolve(feed);
    }
}
