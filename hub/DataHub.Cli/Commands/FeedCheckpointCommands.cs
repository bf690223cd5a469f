using System.CommandLine;
using DataHub.Connectors.Definitions;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>
/// `datahub feed checkpoints <feed>` and `datahub feed reset <feed> [--source NAME]`: see how far a feed got with each
/// source file on the configured cluster, and forget that so the next run publishes those files again from line 1.
/// </summary>
public static class FeedCheckpointCommands
{
    public static Command List(Option<bool> verbose)
    {
        var feed = FeedArgument();
        var all = new Option<bool>("--all-clusters") { Description = "Also list the checkpoints kept for other Kafka clusters." };
        var command = new Command("checkpoints", "List a feed's checkpoints: per source file (by content), the last line Kafka acknowledged and whether the file is done.") { feed, all };
        command.SetAction(async (parse, ct) =>
        {
            if (FeedName(parse.GetValue(feed)!) is not { } name) return 2;
            using var host = CliHost.Build(parse.GetValue(verbose));
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
            var checkpoints = await runtime.FeedState.CheckpointsAsync(name, parse.GetValue(all) ? null : runtime.Kafka.ClusterIdentity, ct);
            if (checkpoints.Count == 0) { AnsiConsole.MarkupLine($"{Markup.Escape(name)}: no checkpoints on {Markup.Escape(runtime.Kafka.ClusterIdentity)}"); return 0; }
            var everyCluster = parse.GetValue(all);
            AnsiConsole.MarkupLine($"{Markup.Escape(name)}: {checkpoints.Count} checkpoint(s){(everyCluster ? "" : " on " + Markup.Escape(runtime.Kafka.ClusterIdentity))}");
            var table = new Table().AddColumns("source", "content (SHA-256)", "last line", "done", "updated");
            if (everyCluster) table.AddColumn("cluster");
            foreach (var c in checkpoints)
            {
                string[] cells = [Markup.Escape(c.SourceName), c.SourceHash[..16], c.LastLine.ToString("N0"), c.Completed ? "yes" : "no", c.UpdatedAt.ToString("u")];
                table.AddRow(everyCluster ? [.. cells, Markup.Escape(c.Cluster)] : cells);
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    public static Command Reset(Option<bool> verbose)
    {
        var feed = FeedArgument();
        var source = new Option<string?>("--source") { Description = "Only the checkpoints of files with this name (as listed by `feed checkpoints`); default: every file of the feed." };
        var command = new Command("reset", """
            Forget a feed's checkpoints on the configured cluster, so its next run reads those files from line 1 and
            publishes every record again (consumers see them twice, under the same keys). Run it while the feed is not running.
            """) { feed, source };
        command.SetAction(async (parse, ct) =>
        {
            if (FeedName(parse.GetValue(feed)!) is not { } name) return 2;
            using var host = CliHost.Build(parse.GetValue(verbose));
            await using var runtime = await CliHost.StartRuntimeAsync(host, ct);
            var cluster = runtime.Kafka.ClusterIdentity;
            var removed = await runtime.FeedState.DeleteCheckpointsAsync(name, cluster, parse.GetValue(source), ct);
            var which = parse.GetValue(source) is { } file ? $"of {file}" : "of every file";
            AnsiConsole.MarkupLine($"{Markup.Escape(name)}: {removed} checkpoint(s) {Markup.Escape(which)} removed on {Markup.Escape(cluster)}; the next run starts those files at line 1");
            if (runtime.IsEmbeddedKafka)
                AnsiConsole.MarkupLine("[yellow]note[/] Kafka is the embedded cluster, new in every process: its files start at line 1 anyway; point Kafka:BootstrapServers at the cluster whose checkpoints you mean.");
            return 0;
        });
        return command;
    }

    private static Argument<string> FeedArgument() =>
        new("feed") { Description = "Feed definition YAML file, shipped feed (e.g. public-security/births) or a feed's name (public-security.births)." };

    /// <summary>The feed's name from its definition; a name no definition resolves to is taken as it is (a feed since removed still has checkpoints).</summary>
    private static string? FeedName(string feed)
    {
        var path = ShippedFiles.ResolveFeed(feed);
        if (!File.Exists(path)) return feed;
        try { return FeedDefinitionLoader.Load(path).Name; }
        catch (FeedDefinitionException e)
        {
            foreach (var error in e.Errors) AnsiConsole.MarkupLine($"[red]error[/] {Markup.Escape(error.ToString())}");
            return null;
        }
    }
}
