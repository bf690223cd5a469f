using System.CommandLine;
using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub deadletters replay --source FILE [--feed F]`: publish the dead-lettered lines a fixed source file now gets right.</summary>
public static class DeadLetterReplayCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var source = new Option<string>("--source") { Description = "The fixed source file (same lines as the original, values corrected).", Required = true };
        var feed = new Option<string?>("--feed") { Description = "Feed definition file or shipped feed name; default: every feed with dead letters of this file name." };
        var original = new Option<string?>("--original") { Description = "The file name the dead letters were recorded under, when the fixed file is named differently." };
        var command = new Command("replay", "Re-map the dead-lettered lines of a fixed source file; publish those that now pass and mark them replayed.") { source, feed, original };
        command.SetAction(async (parse, ct) =>
        {
            var file = Path.GetFullPath(parse.GetValue(source)!);
            if (!File.Exists(file)) { AnsiConsole.MarkupLine($"[red]error[/] no file {Markup.Escape(file)}"); return 2; }
            var sourceName = parse.GetValue(original) ?? Path.GetFileName(file);
            using var host = CliHost.Build(parse.GetValue(verbose));
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);

            var definitions = new List<string>();
            if (parse.GetValue(feed) is { } named) definitions.Add(ShippedFiles.ResolveFeed(named));
            else definitions.AddRange((await runtime.FeedState.PendingDeadLettersAsync(null, sourceName, ct)).Select(d => d.Feed).Distinct().Select(ShippedFiles.ResolveFeed));
            if (definitions.Count == 0) { AnsiConsole.MarkupLine($"no dead letters of {Markup.Escape(sourceName)} wait for a replay"); return 0; }

            var replayer = new DeadLetterReplayer(runtime.Kafka, runtime.Registry, runtime.FeedState, host.Services.GetRequiredService<ILogger<DeadLetterReplayer>>());
            var exit = 0;
            foreach (var path in definitions)
            {
                FeedDefinition definition;
                try { definition = FeedDefinitionLoader.Load(path); }
                catch (Exception e) when (e is FeedDefinitionException or FileNotFoundException or DirectoryNotFoundException)
                {
                    AnsiConsole.MarkupLine($"[red]error[/] feed definition {Markup.Escape(path)}: {Markup.Escape(e.Message)}");
                    exit = 2;
                    continue;
                }
                var result = await replayer.ReplayAsync(definition, file, sourceName, ct);
                Print(result);
                if (result.StillRejected.Count > 0 || result.Missing.Count > 0) exit = Math.Max(exit, 1);
            }
            return exit;
        });
        return command;
    }

    private static void Print(ReplayResult r)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Feed)}[/] {Markup.Escape(r.Source)}: {r.Pending} dead letter(s) waiting, [green]{r.Replayed} replayed[/], " +
            $"{r.StillRejected.Count} still rejected, {r.Missing.Count} line(s) not in the fixed file");
        foreach (var (line, error) in r.StillRejected)
            AnsiConsole.MarkupLine($"  line {line}: {Markup.Escape(error.Field ?? "")} {Markup.Escape(error.Value ?? "")} — {Markup.Escape(error.Reason)}");
    }
}
