using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataHub.Tests.Support;

namespace DataHub.Tests.Invoices;

/// <summary>
/// Acceptance: `datahub demo --keep-running`, then the sample consumer (its own process and consumer group,
/// the stock Confluent deserializer) against the embedded cluster the demo left running decodes every event.
/// </summary>
public sealed partial class DemoThenSampleConsumerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-demo-consumer-").FullName;

    [Fact]
    public async Task After_the_demo_the_sample_consumer_decodes_every_invoice_event_and_dead_letter()
    {
        using var demo = Start(RepoPaths.ProgramDll("hub/DataHub.Cli", "datahub"), "demo", "--keep-running");
        try
        {
            await DecodeEverythingAfter(demo);
        }
        finally
        {
            if (!demo.HasExited) demo.Kill(entireProcessTree: true); // the demo runs until stopped
        }
    }

    private async Task DecodeEverythingAfter(Process demo)
    {
        var output = new StringBuilder();
        demo.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        demo.BeginOutputReadLine();
        var text = await WaitFor(output, demo, "schema registry:", TimeSpan.FromMinutes(4));
        var readBack = ReadBack().Match(text);
        Assert.True(readBack.Success, "the demo prints how many invoice events it read back:\n" + text);
        var (issued, voided) = (int.Parse(readBack.Groups[1].Value), int.Parse(readBack.Groups[2].Value));
        var bootstrap = Address().Match(text, text.IndexOf("bootstrap servers:", StringComparison.Ordinal)).Groups[1].Value;
        var registry = Address().Match(text, text.IndexOf("schema registry:", StringComparison.Ordinal)).Groups[1].Value;

        using var consumer = Start(RepoPaths.ProgramDll("hub/DataHub.SampleConsumer", "DataHub.SampleConsumer"), "--bootstrap", bootstrap,
            "--registry", registry, "--topic", "mi.invoice.issued.v1", "--topic", "mi.invoice.voided.v1", "--topic", "mi.deadletter.v1",
            "--group", $"after-demo-{Guid.NewGuid():N}", "--idle", "5");
        var events = await consumer.StandardOutput.ReadToEndAsync();
        var summary = await consumer.StandardError.ReadToEndAsync();
        Assert.True(consumer.WaitForExit(TimeSpan.FromMinutes(2)), "the sample consumer did not stop after going idle");
        Assert.Equal(0, consumer.ExitCode);

        var decoded = events.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(issued, decoded.Count(e => e.GetProperty("schema").GetString() == "cn.datahub.invoice.InvoiceIssued"));
        Assert.Equal(voided, decoded.Count(e => e.GetProperty("schema").GetString() == "cn.datahub.invoice.InvoiceVoided"));
        Assert.Contains(decoded, e => e.GetProperty("topic").GetString() == "mi.deadletter.v1" && e.GetProperty("value").GetProperty("feed").GetString() == "finance.invoices");
        Assert.Contains($"decoded {decoded.Count} events", summary);
        Assert.True(issued >= 60 && voided >= 3, text);
    }

    private Process Start(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private static async Task<string> WaitFor(StringBuilder output, Process process, string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string text;
            lock (output) text = output.ToString();
            if (text.Contains(marker, StringComparison.Ordinal)) return text;
            if (process.HasExited) throw new InvalidOperationException($"the demo stopped (exit {process.ExitCode}) before printing '{marker}':\n{text}");
            await Task.Delay(250);
        }
        throw new TimeoutException($"the demo did not print '{marker}' within {timeout}");
    }

    [GeneratedRegex(@"e-invoice events read back and decoded: (\d+) issued, (\d+) voided")]
    private static partial Regex ReadBack();

    [GeneratedRegex(@":\s+(\S+)")]
    private static partial Regex Address();

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
