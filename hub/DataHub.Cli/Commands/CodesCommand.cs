using System.CommandLine;
using DataHub.Cli.Console;
using DataHub.Hub.Codes;
using DataHub.Schemas.Codes;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub codes load &lt;standard&gt; &lt;file&gt;`: publish a code table to its standard's compacted topic.</summary>
public static class CodesCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var codes = new Command("codes", "Work with the code tables of the 15 medical-insurance coding standards.");
        codes.Subcommands.Add(Load(verbose));
        return codes;
    }

    private static Command Load(Option<bool> verbose)
    {
        var standard = new Argument<string>("standard") { Description = $"The standard's key: {string.Join(", ", CodingStandards.All.Where(s => s.Kind == CodingStandardKind.CodeTable).Select(s => s.Key))}." };
        var file = new Argument<string>("file") { Description = "The code table: .csv (UTF-8 or GB18030, header = the record's field names) or .xlsx (first sheet, same header)." };
        var command = new Command("load", """
            Validate every row of a code table (code format and embedded division, required fields, validity dates) and publish
            good rows to mi.codes.<standard>.v1 keyed by code; bad rows go to the dead-letter topic and store with file, line,
            field and reason. A file already loaded to this cluster is not published again.
            """) { standard, file };
        command.SetAction(async (parse, ct) =>
        {
            var key = parse.GetValue(standard)!;
            var path = parse.GetValue(file)!;
            if (!CodingStandards.TryGet(key, out var definition))
            {
                AnsiConsole.MarkupLine($"[red]error[/] no coding standard '{Markup.Escape(key)}' (known: {Markup.Escape(string.Join(", ", CodingStandards.All.Select(s => s.Key)))})");
                return 2;
            }
            if (!File.Exists(path))
            {
                AnsiConsole.MarkupLine($"[red]error[/] {Markup.Escape(path)} does not exist");
                return 2;
            }
            try { CodeTableLoader.For(definition, path); }
            catch (NotSupportedException e)
            {
                AnsiConsole.MarkupLine($"[red]error[/] {Markup.Escape(e.Message)}");
                return 2;
            }
            using var host = CliHost.Build(parse.GetValue(verbose));
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
            var loader = new CodeTableLoader(CliHost.FeedRunner(host, runtime));
            var result = await FeedProgressDisplay.RunAsync(definition.Key, p => loader.LoadAsync(key, path, "codes load", p, ct));
            RunSummary.Print(result);
            var rejected = (await runtime.FeedState.DeadLettersAsync($"codes.{definition.Key}", 1000, ct))
                .Where(d => d.RunId == result.RunId).OrderBy(d => d.Line).ToList();
            if (rejected.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).Title("rejected rows")
                    .AddColumn("file").AddColumn(new TableColumn("line").RightAligned()).AddColumn("field").AddColumn("value").AddColumn("reason");
                foreach (var d in rejected)
                    table.AddRow(Markup.Escape(d.Source), $"{d.Line}", Markup.Escape(d.Field ?? ""), Markup.Escape(d.Value ?? ""), Markup.Escape(d.Reason));
                AnsiConsole.Write(table);
            }
            if (runtime.IsEmbeddedKafka)
                AnsiConsole.MarkupLine("[grey]Embedded cluster: the topic ends with this process; configure Kafka:BootstrapServers to keep it.[/]");
            return result.DeadLettered > 0 ? 1 : 0;
        });
        return command;
    }
}
