using System.Diagnostics;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Topics;
using DataHub.Tests.Support;
using Xunit.Abstractions;

namespace DataHub.Tests.Pipeline;

/// <summary>
/// Exactly once across a crash: `datahub feed run` in a child process is killed with SIGKILL mid-file,
/// run again to completion, and the topic must hold every good record exactly once. The embedded cluster
/// and registry live in this process; the child reaches them through DATAHUB__ environment variables.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class CrashResumeTests(ITestOutputHelper output)
{
    private const string Topic = "test.contribution.crash.v1";
    private const int Partitions = 32;
    private const long Records = 1_000_000;

    [Fact]
    public async Task A_run_killed_mid_file_and_run_again_publishes_every_good_record_exactly_once()
    {
        await using var hub = await EmbeddedHub.StartAsync();
        hub.Cluster.CreateTopic(Topic, Partitions);
        var (definition, csv, good) = ContributionFeed.Write(hub.Directory, Topic, Records);
        var bad = Records - good;

        var clock = Stopwatch.StartNew();
        using (var first = StartChild(hub, definition, csv))
        {
            var progress = await WaitForCheckpointAsync(hub, first, minimumLine: 150_000, TimeSpan.FromSeconds(60));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            output.WriteLine($"killed the first run at checkpoint line {progress} after {clock.Elapsed.TotalSeconds:F1} s");
            Assert.InRange(progress, 150_000, Records - 1);
        }

        using (var second = StartChild(hub, definition, csv))
        {
            await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));
            output.WriteLine($"second run exited {second.ExitCode} at {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(0, second.ExitCode);
        }

        Assert.All(hub.LowWatermarks(Topic, Partitions), low => Assert.Equal(0, low));
        var lines = new HashSet<(string Source, long Line)>();
        var count = TopicReader.ReadToEnd(hub.Kafka, hub.Registry, Topic, $"crash-readback-{Guid.NewGuid():N}", TimeSpan.FromSeconds(60),
            r => lines.Add((r.Origin!.SourceId, r.Origin.Line)));
        output.WriteLine($"read back {count} records ({lines.Count} distinct lines) at {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(good, count);
        Assert.Equal(good, lines.Count);

        var deadLetters = TopicReader.ReadToEnd(hub.Kafka, hub.Registry, TopicCatalog.DeadLetters, $"crash-deadletters-{Guid.NewGuid():N}", TimeSpan.FromSeconds(30));
        Assert.Equal(bad, deadLetters.Count);
        Assert.Equal(bad, deadLetters.Select(r => r.Origin!.Line).Distinct().Count());
        Assert.Equal(bad, (await hub.State.DeadLettersAsync("tax.contributions", 10_000)).Count);
    }

    private Process StartChild(EmbeddedHub hub, string definition, string csv)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = hub.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "datahub.dll"), "feed", "run", definition, "--source", csv, "--verbose" }) start.ArgumentList.Add(a);
        start.Environment["DATAHUB__Kafka__BootstrapServers"] = hub.Cluster.BootstrapServers;
        start.Environment["DATAHUB__SchemaRegistry__Url"] = hub.RegistryServer.Url;
        start.Environment["DATAHUB__Store__ConnectionString"] = hub.StoreConnectionString;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && (e.Data.Contains("resum", StringComparison.OrdinalIgnoreCase) || e.Data.Contains("fail", StringComparison.OrdinalIgnoreCase)))
                output.WriteLine($"child: {e.Data}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<long> WaitForCheckpointAsync(EmbeddedHub hub, Process child, long minimumLine, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (child.HasExited) throw new InvalidOperationException($"the child exited ({child.ExitCode}) before its checkpoint reached line {minimumLine}");
            await using (var connection = hub.Database.Open())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COALESCE(MAX(last_line), 0) FROM feed_checkpoint WHERE completed = 0";
                var line = (long)(await command.ExecuteScalarAsync())!;
                if (line >= minimumLine) return line;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"the child's checkpoint did not reach line {minimumLine} within {timeout}");
    }
}
