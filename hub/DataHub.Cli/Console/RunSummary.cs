using DataHub.Hub.Pipeline;
using DataHub.Schemas.Topics;
using Spectre.Console;

namespace DataHub.Cli.Console;

/// <summary>The per-file and per-topic summary of a feed run.</summary>
public static class RunSummary
{
    public static void Print(FeedRunResult result, long? targetReadBack = null, long? deadLettersReadBack = null)
    {
        var files = new Table().Border(TableBorder.Rounded).Title($"run {result.RunId} of {Markup.Escape(result.Feed)}")
            .AddColumn("source").AddColumn(new TableColumn("read").RightAligned()).AddColumn(new TableColumn("published").RightAligned())
            .AddColumn(new TableColumn("dead-lettered").RightAligned()).AddColumn("note");
        foreach (var s in result.Sources)
            files.AddRow(Markup.Escape(s.Source), $"{s.Read:N0}", $"{s.Published:N0}", $"{s.DeadLettered:N0}",
                s.AlreadyDone ? "already published to this cluster" : s.ResumedAfterLine > 0 ? $"resumed after line {s.ResumedAfterLine}; {s.FoundAcknowledged:N0} later lines found already published" : "");
        files.AddRow("[bold]total[/]", $"[bold]{result.Read:N0}[/]", $"[bold]{result.Published:N0}[/]", $"[bold]{result.DeadLettered:N0}[/]", "");
        AnsiConsole.Write(files);

        var topics = new Table().Border(TableBorder.Rounded).Title("per topic")
            .AddColumn("topic").AddColumn(new TableColumn("published this run").RightAligned());
        if (targetReadBack is not null) topics.AddColumn(new TableColumn("read back and decoded").RightAligned());
        var target = result.Sources.FirstOrDefault()?.TargetTopic ?? "";
        topics.AddRow(Row(target, result.Published, targetReadBack));
        topics.AddRow(Row(TopicCatalog.DeadLetters, result.DeadLettered, deadLettersReadBack));
        AnsiConsole.Write(topics);
    }

    private static string[] Row(string topic, long published, long? readBack) =>
        readBack is null ? [topic, $"{published:N0}"] : [topic, $"{published:N0}", $"{readBack:N0}"];
}
