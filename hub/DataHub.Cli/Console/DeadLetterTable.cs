using DataHub.Hub.Kafka;
using Spectre.Console;

namespace DataHub.Cli.Console;

/// <summary>Dead letters as read back from the dead-letter topic.</summary>
public static class DeadLetterTable
{
    public static void Print(IReadOnlyList<DecodedRecord> deadLetters, int max = 20)
    {
        if (deadLetters.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).Title("dead letters (values masked)")
            .AddColumn("source").AddColumn(new TableColumn("line").RightAligned()).AddColumn("field").AddColumn("value").AddColumn("reason");
        foreach (var d in deadLetters.OrderBy(d => (string)d.Value["source"]).ThenBy(d => (long)d.Value["line"]).Take(max))
            table.AddRow(Markup.Escape((string)d.Value["source"]), $"{d.Value["line"]}", Markup.Escape(d.Value["field"] as string ?? ""),
                Markup.Escape(d.Value["value"] as string ?? ""), Markup.Escape((string)d.Value["reason"]));
        AnsiConsole.Write(table);
        if (deadLetters.Count > max) AnsiConsole.MarkupLine($"… and {deadLetters.Count - max:N0} more (datahub deadletters lists them all)");
    }
}
