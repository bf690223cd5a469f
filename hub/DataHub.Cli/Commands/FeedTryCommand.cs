using System.CommandLine;
using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub feed try &lt;definition&gt; [sample]`: a dry run — what would be published and what rejected; no Kafka, no store.</summary>
public static class FeedTryCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("definition") { Description = "Feed definition YAML file (or the name of a shipped feed)." };
        var sample = new Argument<string?>("sample") { Description = "A sample file, folder or glob, relative to the current folder (default: the definition's source.path).", Arity = ArgumentArity.ZeroOrOne };
        var rows = new Option<int>("--rows") { Description = "How many records to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("try", "Dry run: read and validate a sample as the feed would, print the first records (personal data masked) and every rejection. Publishes nothing, writes nothing.") { file, sample, rows };
        command.SetAction(parse =>
        {
            FeedDefinition definition;
            try { definition = FeedDefinitionLoader.Load(ShippedFiles.ResolveFeed(parse.GetValue(file)!)); }
            catch (FeedDefinitionException e) { return Errors(e); }
            var sources = SourceFiles.Resolve(definition, parse.GetValue(sample));
            if (sources.Count == 0)
            {
                AnsiConsole.MarkupLine($"[yellow]no files match[/] {Markup.Escape(parse.GetValue(sample) ?? definition.Source.Path)}");
                return 1;
            }
            DryRunResult result;
            try { result = FeedDryRun.Run(definition, sources, Math.Max(0, parse.GetValue(rows))); }
            catch (FeedDefinitionException e) { return Errors(e); }
            Print(definition, result);
            return result.Rejected == 0 ? 0 : 3;
        });
        return command;
    }

    private static int Errors(FeedDefinitionException e)
    {
        foreach (var error in e.Errors) AnsiConsole.MarkupLine($"[red]error[/] {Markup.Escape(error.ToString())}");
        return 2;
    }

    private static void Print(FeedDefinition definition, DryRunResult result)
    {
        if (result.Sample.Count > 0)
        {
            AnsiConsole.MarkupLine($"[bold]would publish to {Markup.Escape(definition.Target.Topic)}[/] (first {result.Sample.Count}; personal data masked):");
            foreach (var r in result.Sample)
            {
                var values = string.Join(", ", r.Values.Where(v => v.Value is not null).Select(v => $"{v.Key}: \"{v.Value}\""));
                AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(r.Source)}:{r.Line}[/] key {Markup.Escape(r.Key ?? "")} {{ {Markup.Escape(values)} }}");
            }
        }
        if (result.Rejections.Count > 0)
        {
            var rejected = new Table().Title("would dead-letter").AddColumn("source:line").AddColumn("field").AddColumn("value").AddColumn("reason");
            foreach (var r in result.Rejections)
                rejected.AddRow($"{Markup.Escape(r.Source)}:{r.Line}", Markup.Escape(r.Field ?? ""), Markup.Escape(r.Value ?? ""), Markup.Escape(r.Reason));
            AnsiConsole.Write(rejected);
        }
        AnsiConsole.MarkupLine($"{Markup.Escape(result.Feed)}: read [bold]{result.Read}[/], would publish [green]{result.Valid}[/], would dead-letter [red]{result.Rejected}[/] (dry run: nothing was published or stored)");
    }
}
