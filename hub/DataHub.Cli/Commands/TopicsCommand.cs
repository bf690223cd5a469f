using System.CommandLine;
using DataHub.Schemas.Topics;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub topics [--write DIR]`: print the topic catalog, or write docs/topics.md and docs/topics.json from it.</summary>
public static class TopicsCommand
{
    public static Command Create()
    {
        var write = new Option<string?>("--write") { Description = "Write topics.md and topics.json generated from the catalog into this folder (e.g. docs)." };
        var command = new Command("topics", "List every topic: key, value schema and version, compaction, retention, producer and consumers.") { write };
        command.SetAction(parse =>
        {
            var topics = TopicCatalog.All;
            if (parse.GetValue(write) is { } directory)
            {
                foreach (var path in TopicCatalogDocs.Write(directory, topics)) AnsiConsole.MarkupLine($"[green]wrote[/] {Markup.Escape(path)}");
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title($"{topics.Count} topics")
                .AddColumn("topic").AddColumn("key").AddColumn("value schema").AddColumn("version").AddColumn(new TableColumn("partitions").RightAligned())
                .AddColumn("compaction").AddColumn("retention").AddColumn("producer").AddColumn("consumers");
            foreach (var t in topics)
                table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Key), Markup.Escape(t.ValueSchema), t.SchemaVersion, $"{t.Partitions}",
                    t.Compacted ? "compacted" : "delete", Markup.Escape(TopicCatalogDocs.RetentionText(t)), Markup.Escape(t.Producer),
                    Markup.Escape(string.Join(", ", t.Consumers)));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]version = v<major in the name>+<first 8 hex of SHA-256 of the schema's parsing canonical form>[/]");
            return 0;
        });
        return command;
    }
}
