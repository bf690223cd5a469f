using System.Diagnostics;
using DataHub.Hub.Kafka;
using DataHub.Tests.Support;

namespace DataHub.Tests.Pipeline;

/// <summary>
/// `datahub feed checkpoints` shows how far a feed got per file on the configured cluster, and `datahub feed reset`
/// forgets it: a re-run publishes nothing, a run after the reset publishes the file again.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class FeedResetCommandTests
{
    private const string Topic = "test.contribution.reset.v1";

    [Fact]
    public async Task Checkpoints_list_the_file_and_a_reset_makes_the_next_run_publish_it_again()
    {
        await using var hub = await EmbeddedHub.StartAsync();
        hub.Cluster.CreateTopic(Topic, 3);
        var (definition, csv, good) = ContributionFeed.Write(hub.Directory, Topic, 500);
        var file = Path.GetFileName(csv);

        Assert.Equal(0, (await Cli(hub, "feed", "run", definition, "--source", csv)).Exit);
        var listed = await Cli(hub, "feed", "checkpoints", definition);
        Assert.Equal(0, listed.Exit);
        var row = Assert.Single(listed.Output.Split('\n'), l => l.Contains(file));
        Assert.Contains("yes", row);
        Assert.Contains("1 checkpoint(s) on ", listed.Output);

        Assert.Equal(0, (await Cli(hub, "feed", "run", definition, "--source", csv)).Exit);
        Assert.Equal(good, Published(hub));

        var reset = await Cli(hub, "feed", "reset", definition, "--source", file);
        Assert.Equal(0, reset.Exit);
        Assert.Contains("1 checkpoint(s)", reset.Output);
        Assert.Contains("no checkpoints", (await Cli(hub, "feed", "checkpoints", definition)).Output);

        Assert.Equal(0, (await Cli(hub, "feed", "run", definition, "--source", csv)).Exit);
        Assert.Equal(2 * good, Published(hub));
    }

    private static long Published(EmbeddedHub hub) =>
        TopicReader.ReadToEnd(hub.Kafka, hub.Registry, Topic, $"reset-readback-{Guid.NewGuid():N}", TimeSpan.FromSeconds(30)).Count;

    private static async Task<(int Exit, string Output)> Cli(EmbeddedHub hub, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = hub.Directory, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["DATAHUB__Kafka__BootstrapServers"] = hub.Cluster.BootstrapServers,
                ["DATAHUB__SchemaRegistry__Url"] = hub.RegistryServer.Url,
                ["DATAHUB__Store__ConnectionString"] = hub.StoreConnectionString,
                ["NO_COLOR"] = "1",
            },
        };
        foreach (var a in args.Prepend(Path.Combine(AppContext.BaseDirectory, "datahub.dll"))) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await output + await error);
    }
}
