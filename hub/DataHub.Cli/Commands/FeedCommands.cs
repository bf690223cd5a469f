using System.CommandLine;
using DataHub.Cli.Console;
using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub feed check|try|run|checkpoints|reset`: work with declarative feed definitions.</summary>
public static class FeedCommands
{
    public static Command Create(Option<bool> verbose)
    {
        var feed = new Command("feed", "Check and run declarative department feeds (see docs/feeds.md).");
        feed.Subcommands.Add(Check());
        feed.Subcommands.Add(FeedTryCommand.Create());
        feed.Subcommands.Add(Run(verbose));
        feed.Subcommands.Add(FeedCheckpointCommands.List(verbose));
        feed.Subcommands.Add(FeedCheckpointCommands.Reset(verbose));
        return feed;
    }

    private static Command Check()
    {
        var file = new Argument<string>("definition") { Description = "Feed definition YAML file (or the name of a shipped feed, e.g. public-security/births)." };
        var command = new Command("check", "Check a feed definition and explain every error with its line.") { file };
        command.SetAction(parse =>
        {
            var path = ShippedFiles.ResolveFeed(parse.GetValue(file)!);
            try
            {
                var definition = FeedDefinitionLoader.Load(path);
                var source = definition.Source.Kind == "sql"
                    ? $"table {definition.Source.Table} by watermark {definition.Source.Watermark}"
                    : $"source matches {SourceFiles.Resolve(definition).Count} file(s) now";
                AnsiConsole.MarkupLine($"[green]ok[/] {Markup.Escape(definition.Name)}: {definition.Fields.Count} fields → {Markup.Escape(definition.Target.Topic)} ({Markup.Escape(definition.Target.Schema)}); {Markup.Escape(source)}");
                return 0;
            }
            catch (FeedDefinitionException e)
            {
                foreach (var error in e.Errors) AnsiConsole.MarkupLine($"[red]error[/] {Markup.Escape(error.ToString())}");
                return 2;
            }
        });
        return command;
    }

    private static Command Run(Option<bool> verbose)
    {
        var file = new Argument<string>("definition") { Description = "Feed definition YAML file (or the name of a shipped feed)." };
        var source = new Option<string?>("--source") { Description = "Read this file, folder or glob (relative to the current folder) instead of the definition's source.path." };
        var command = new Command("run", "Run a feed now: publish its source files to Kafka, dead-letter bad records, advance checkpoints.") { file, source };
        command.SetAction(async (parse, ct) =>
        {
            FeedDefinition definition;
            try { definition = FeedDefinitionLoader.Load(ShippedFiles.ResolveFeed(parse.GetValue(file)!)); }
            catch (FeedDefinitionException e)
            {
                foreach (var error in e.Errors) AnsiConsole.MarkupLine($"[red]error[/] {Markup.Escape(error.ToString())}");
                return 2;
            }
            var files = SourceFiles.Resolve(definition, parse.GetValue(source));
            if (files.Count == 0)
            {
                AnsiConsole.MarkupLine($"[yellow]no files match[/] {Markup.Escape(parse.GetValue(source) ?? definition.Source.Path)}");
                return 1;
            }
            using var host = CliHost.Build(parse.GetValue(verbose));
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
            var runner = CliHost.FeedRunner(host, runtime);
            FeedRunResult result;
            try { result = await FeedProgressDisplay.RunAsync(definition.Name, p => runner.RunAsync(definition, files, "command line", p, ct)); }
            catch (FeedDefinitionException e)
            {
                // A file whose header lacks a mapped column: the run stops there (files before it stay published).
                foreach (var error in e.Errors) AnsiConsole.MarkupLine($"[red]error[/] {Markup.Escape(error.ToString())}");
                AnsiConsole.MarkupLine("the run stopped at that file; files before it were published and are skipped when the run is repeated");
                return 2;
            }
            RunSummary.Print(result);
            return 0;
        });
        return command;
    }
}
