using System.CommandLine;
using DataHub.Cli.Console;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub deadletters`: list rejected records kept in the store.</summary>
public static class DeadLettersCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var feed = new Option<string?>("--feed") { Description = "Only this feed's dead letters." };
        var limit = new Option<int>("--limit") { Description = "How many to list.", DefaultValueFactory = _ => 100 };
        var command = new Command("deadletters", "List rejected records (file, line, field, masked value, reason) from the store.") { feed, limit };
        command.Subcommands.Add(DeadLetterReplayCommand.Create(verbose));
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(verbose));
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
            var rows = await runtime.FeedState.DeadLettersAsync(parse.GetValue(feed), parse.GetValue(limit), ct);
            DeadLetterTable.Print(rows);
            AnsiConsole.MarkupLine($"{rows.Count} dead letter(s)");
            return 0;
        });
        return command;
    }
}
