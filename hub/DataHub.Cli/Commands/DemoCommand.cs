using System.CommandLine;
using DataHub.Cli.Console;
using DataHub.Connectors.Definitions;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Topics;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>
/// `datahub demo`: the whole chain on the embedded default with the shipped births sample — start the
/// cluster and registry, run the feed, consume the topics back in a separate consumer group, decode
/// every record from its registered schema, print a summary, and stop everything.
/// </summary>
public static class DemoCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the embedded cluster and registry up after the summary (until Ctrl+C), e.g. to try the sample consumer against them." };
        var command = new Command("demo", "Run the shipped samples (public-security births, e-invoices) end to end on the embedded cluster, read them back and print a summary.") { keepRunning };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(verbose), parse.GetValue(keepRunning), ct));
        return command;
    }

    private static async Task KeepRunningAsync(Hub.Hosting.HubRuntime runtime, CancellationToken ct)
    {
        AnsiConsole.MarkupLine("[bold]Still running[/] (Ctrl+C stops). Subscribe from another shell to any topic of `datahub topics`, e.g.:");
        AnsiConsole.WriteLine($"  bootstrap servers: {runtime.Kafka.BootstrapServers}");
        AnsiConsole.WriteLine($"  schema registry:   {runtime.RegistryUrl}");
        // Plain Console, not AnsiConsole: Spectre wraps at the terminal's width, and this line is meant to be pasted whole.
        System.Console.Out.WriteLine($"  dotnet run --project hub/DataHub.SampleConsumer -- --bootstrap {runtime.Kafka.BootstrapServers} --registry {runtime.RegistryUrl} --topic {TopicCatalog.InvoicesIssued} --topic {TopicCatalog.InvoicesVoided} --group my-team");
        try { await Task.Delay(Timeout.Infinite, ct); } catch (OperationCanceledException) { }
    }

    private static async Task<int> RunAsync(bool verbose, bool keepRunning, CancellationToken ct)
    {
        using var host = CliHost.Build(verbose);
        AnsiConsole.Write(new Rule("[bold]DataHub demo[/] — public-security births → Kafka (Avro)").LeftJustified());
        await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
        ModeTable.Print(runtime);

        var feed = FeedDefinitionLoader.Load(ShippedFiles.Feed("public-security/births.yaml"));
        var files = SourceFiles.Resolve(feed);
        AnsiConsole.MarkupLine($"Feed [bold]{feed.Name}[/]: {files.Count} files from {Markup.Escape(Path.GetDirectoryName(files.FirstOrDefault() ?? "") ?? "")}");

        var runner = CliHost.FeedRunner(host, runtime);
        var result = await FeedProgressDisplay.RunAsync("births", progress => runner.RunAsync(feed, files, "demo", progress, ct));

        var warnings = new List<string>();
        // One consumer group per topic: a group that a member just left would wait out its session timeout on the embedded cluster.
        var group = $"datahub-demo-readback-{Guid.NewGuid():N}";
        var births = TopicReader.ReadToEnd(runtime.Kafka, runtime.Registry, feed.Target.Topic, $"{group}-births", TimeSpan.FromSeconds(60), warnings.Add);
        var deadLetters = TopicReader.ReadToEnd(runtime.Kafka, runtime.Registry, TopicCatalog.DeadLetters, $"{group}-deadletters", TimeSpan.FromSeconds(60), warnings.Add)
            .Where(r => r.Origin?.Feed == feed.Name).ToList();

        RunSummary.Print(result, births.Count, deadLetters.Count);
        DeadLetterTable.Print(deadLetters);
        foreach (var w in warnings) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");

        var invoiceFiles = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", "finance"), "*.ndjson");
        var invoices = await FeedProgressDisplay.RunAsync("invoices", p => InvoicesCommand.Runner(host, runtime).RunAsync(invoiceFiles, "demo", p, ct));
        var issuedBack = TopicReader.ReadToEnd(runtime.Kafka, runtime.Registry, TopicCatalog.InvoicesIssued, $"{group}-issued", TimeSpan.FromSeconds(60), warnings.Add).Count;
        var voidedBack = TopicReader.ReadToEnd(runtime.Kafka, runtime.Registry, TopicCatalog.InvoicesVoided, $"{group}-voided", TimeSpan.FromSeconds(60), warnings.Add).Count;
        RunSummary.Print(invoices);
        AnsiConsole.MarkupLine($"e-invoice events read back and decoded: {issuedBack:N0} issued, {voidedBack:N0} voided");

        var ok = result.SkippedSources == result.Sources.Count || (births.Count >= result.Published && deadLetters.Count >= result.DeadLettered);
        AnsiConsole.MarkupLine(ok
            ? $"[green]Read back and decoded every record[/] with the Confluent Avro deserializer in consumer groups {group}-*."
            : "[red]Read back fewer records than were published.[/]");
        AnsiConsole.MarkupLine($"Run history, checkpoints, dead letters and schemas are in {Markup.Escape(runtime.Store.Description)}. " +
            (keepRunning ? "Embedded topics live until this process stops." : "Embedded topics ended with this process."));
        AnsiConsole.MarkupLine(Markup.Escape(OfficerDemoOutput.Hint));
        if (keepRunning) await KeepRunningAsync(runtime, ct);
        return ok ? 0 : 1;
    }
}
