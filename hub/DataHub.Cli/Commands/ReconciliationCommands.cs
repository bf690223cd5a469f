using System.CommandLine;
using DataHub.Cli.Console;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub generate-city`, `datahub reconcile`, `datahub accuracy`.</summary>
public static class ReconciliationCommands
{
    public static IEnumerable<Command> Create(Option<bool> verbose) => [GenerateCity(), Reconcile(verbose), Accuracy(verbose)];

    private static Command GenerateCity()
    {
        var people = new Option<int>("--people") { Description = "How many people live in the city.", DefaultValueFactory = _ => 5_000 };
        var seed = new Option<int>("--seed") { Description = "The same seed gives the same city.", DefaultValueFactory = _ => 1 };
        var asOf = new Option<string?>("--as-of") { Description = $"The day the city is judged on (yyyy-MM-dd; default {CitySettings.DefaultAsOf:yyyy-MM-dd})." };
        var output = new Option<string>("--out") { Description = "Folder to write the department files, expected-gaps.csv and city.json into.", Required = true };
        var command = new Command("generate-city", "Generate a synthetic city: every department feed in its documented format (docs/feed-formats.md) and the gaps planted in it (expected-gaps.csv).")
            { people, seed, asOf, output };
        command.SetAction(parse =>
        {
            var day = parse.GetValue(asOf) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd") : CitySettings.DefaultAsOf;
            var result = CityFiles.Write(new CitySettings(parse.GetValue(people), parse.GetValue(seed), day), parse.GetValue(output)!);
            AnsiConsole.MarkupLine($"[green]city written[/] to {Markup.Escape(result.Directory)}: {result.People:N0} people, {result.Files} files, " +
                $"{result.Bytes / 1e6:N1} MB, {result.ExpectedGaps:N0} expected gaps, in {result.Elapsed.TotalSeconds:N1} s");
            return 0;
        });
        return command;
    }

    private static Command Reconcile(Option<bool> verbose)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Judge the registries on this day (yyyy-MM-dd; default Reconciliation:AsOf, else today)." };
        var partitions = new Option<string?>("--partitions")
        {
            Description = $"Only the people of these person partitions (0..{PersonPartitioner.PartitionCount - 1}, comma-separated), as one of several instances would; default all. " +
                "`datahub serve` instances get theirs from the consumer group.",
        };
        partitions.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && ParsePartitions(text) is null)
                result.AddError($"--partitions: '{text}' is not a comma-separated list of partitions 0..{PersonPartitioner.PartitionCount - 1}");
        });
        var command = new Command("reconcile", "Materialise the registry topics into the store, run every rule (the e-invoice cross-checks included), update the gap cases and publish gap events.") { asOf, partitions };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(verbose));
            var options = Options(host, parse.GetValue(asOf));
            var owner = parse.GetValue(partitions) is { } list
                ? new FixedPartitionOwner(ReconcileScope.Of(ParsePartitions(list)!))
                : (IPartitionOwner)WholeRegistryOwner.Instance;
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
            var scaleOut = host.Services.GetRequiredService<IConfiguration>().GetSection(ScaleOutOptions.Section).Get<ScaleOutOptions>() ?? new();
            var run = await new ReconciliationRunner(runtime.Kafka, runtime.Registry, runtime.Store, host.Services.GetRequiredService<ILoggerFactory>(), owner, scaleOut)
                .RunAsync(options, "command line", ct);
            ReconciliationTables.PrintRun(run);
            return run.Status == "succeeded" ? 0 : 4;
        });
        return command;
    }

    private static Command Accuracy(Option<bool> verbose)
    {
        var directory = new Argument<string>("city") { Description = "A folder written by generate-city." };
        var command = new Command("accuracy", "Run all of a generated city's feeds through the hub, reconcile, and print recall and precision per rule against expected-gaps.csv.") { directory };
        command.SetAction(async (parse, ct) =>
        {
            AccuracyStore chosen;
            using (var configured = CliHost.Build(false)) chosen = AccuracyStore.For(configured.Services.GetRequiredService<IConfiguration>());
            using var store = chosen;
            using var host = CliHost.Build(parse.GetValue(verbose), store.Settings);
            var options = Options(host, null);
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
            ModeTable.Print(runtime);
            if (store.Folder is not null) AnsiConsole.MarkupLine("  store: a new one for this run (deleted afterwards), so no earlier run's registries mix in");
            var accuracy = await new CityAccuracyRun(CliHost.FeedRunner(host, runtime), Runner(host, runtime))
                .RunAsync(parse.GetValue(directory)!, ShippedFiles.FeedsDirectory, options,
                    new Progress<string>(m => AnsiConsole.MarkupLine($"  feed {Markup.Escape(m)}")), ct);
            ReconciliationTables.PrintAccuracy(accuracy);
            if (accuracy.Feeds.Sum(f => f.DeadLettered) > 0)
            {
                // Shown here because a store of accuracy's own is deleted when it ends.
                AnsiConsole.MarkupLine($"Dead letters (at most {AccuracyDeadLetters}, values masked):");
                DeadLetterTable.Print(await runtime.FeedState.DeadLettersAsync(null, AccuracyDeadLetters, ct));
            }
            return accuracy.Lost.Count == 0 && accuracy.ByRule.All(r => r.Recall == 1 && r.Precision == 1) ? 0 : 1;
        });
        return command;
    }

    private const int AccuracyDeadLetters = 20;

    private static int[]? ParsePartitions(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var numbers = parts.Select(p => int.TryParse(p, out var n) && n >= 0 && n < PersonPartitioner.PartitionCount ? n : -1).ToArray();
        return numbers.Length > 0 && numbers.All(n => n >= 0) ? numbers : null;
    }

    private static ReconciliationOptions Options(IHost host, string? asOf)
    {
        var options = host.Services.GetRequiredService<IConfiguration>().GetSection(ReconciliationOptions.Section).Get<ReconciliationOptions>() ?? new();
        if (asOf is not null) options.AsOf = DateOnly.ParseExact(asOf, "yyyy-MM-dd");
        return options;
    }

    private static ReconciliationRunner Runner(IHost host, DataHub.Hub.Hosting.HubRuntime runtime) =>
        new(runtime.Kafka, runtime.Registry, runtime.Store, host.Services.GetRequiredService<ILoggerFactory>());
}
