using DataHub.Hub.Kafka;
using DataHub.Hub.Store;
using Spectre.Console;

namespace DataHub.Cli.Console;

/// <summary>Dead letters as read back from the dead-letter topic, or as the store keeps them.</summary>
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

    /// <summary>The store's dead letters (`datahub deadletters`, and what `accuracy` rejected).</summary>
    public static void Print(IReadOnlyList<DeadLetterEntry> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("feed").AddColumn("source").AddColumn(new TableColumn("line").RightAligned())
            .AddColumn("field").AddColumn("value").AddColumn("reason").AddColumn("rejected at");
        foreach (var d in rows)
            table.AddRow(Markup.Escape(d.Feed), Markup.Escape(d.Source), $"{d.Line}", Markup.Escape(d.Field ?? ""), Markup.Escape(d.Value ?? ""),
                Markup.Escape(d.Reason), $"{d.RejectedAt:yyyy-MM-dd HH:mm:ss}");
        AnsiConsole.Write(table);
    }
}
