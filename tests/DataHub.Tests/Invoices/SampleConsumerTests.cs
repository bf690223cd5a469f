using System.Diagnostics;
using System.Text.Json;
using DataHub.Hub.Invoices;
using DataHub.Tests.Support;

namespace DataHub.Tests.Invoices;

/// <summary>The sample downstream consumer, run as its own process against the embedded cluster.</summary>
public sealed class SampleConsumerTests
{
    [Fact]
    public async Task Sample_consumer_decodes_every_invoice_event_with_the_stock_deserializer()
    {
        await using var hub = await HubHarness.StartAsync();
        var generator = new InvoiceGenerator(21);
        var issued = Enumerable.Range(0, 40).Select(_ => generator.Issued()).ToList();
        var file = Path.Combine(hub.Directory, "for-consumer.ndjson");
        InvoiceGenerator.WriteNdjson(file, [.. issued, generator.VoidOf(issued[3])]);
        var result = await InvoicePipelineTests.Runner(hub).RunAsync([file], "test");
        Assert.Equal(41, result.Published);

        var consumer = RepoPaths.ProgramDll("hub/DataHub.SampleConsumer", "DataHub.SampleConsumer");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { consumer, "--bootstrap", hub.Runtime.Kafka.BootstrapServers, "--registry", hub.Runtime.RegistryUrl,
                "--topic", "mi.invoice.issued.v1", "--topic", "mi.invoice.voided.v1", "--group", $"downstream-{Guid.NewGuid():N}", "--idle", "3" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the sample consumer did not stop after going idle");
        Assert.Equal(0, process.ExitCode);

        var events = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(41, events.Count);
        Assert.Equal(40, events.Select(e => e.GetProperty("key").GetString()).Distinct().Count());
        Assert.Equal(40, events.Count(e => e.GetProperty("schema").GetString() == "cn.datahub.invoice.InvoiceIssued"));
        var voided = events.Single(e => e.GetProperty("schema").GetString() == "cn.datahub.invoice.InvoiceVoided");
        Assert.Equal(issued[3].InvoiceNumber, voided.GetProperty("value").GetProperty("originalInvoiceNumber").GetString());
        Assert.Contains("decoded 41 events", await stderr);
    }

    [Fact]
    public async Task A_bootstrap_address_where_no_broker_answers_fails_with_one_line_naming_it()
    {
        var (exit, _, stderr) = await RunAsync("--bootstrap", "127.0.0.1:1", "--registry", "http://127.0.0.1:1",
            "--topic", "mi.invoice.issued.v1", "--group", $"nowhere-{Guid.NewGuid():N}");

        Assert.Equal(3, exit);
        Assert.Equal("no broker at 127.0.0.1:1 answered within 15 s (Local: Broker transport failure)", stderr.Trim());
    }

    [Fact]
    public async Task A_topic_that_is_not_on_the_cluster_is_named()
    {
        await using var hub = await HubHarness.StartAsync();
        var (exit, _, stderr) = await RunAsync("--bootstrap", hub.Runtime.Kafka.BootstrapServers, "--registry", hub.Runtime.RegistryUrl,
            "--topic", "mi.invoice.issued.v1", "--topic", "mi.invoice.nope.v1", "--group", $"typo-{Guid.NewGuid():N}");

        Assert.Equal(3, exit);
        Assert.StartsWith("no topic mi.invoice.nope.v1 on the cluster at ", stderr.Trim());
    }

    [Theory]
    [InlineData("--idle", "ten", "--idle needs a whole number of seconds (0 or more), not 'ten'")]
    [InlineData("--config", "security.protocol", "--config needs LIBRDKAFKA_KEY=VALUE, not 'security.protocol'")]
    public async Task A_bad_option_value_is_named(string option, string value, string message)
    {
        var (exit, _, stderr) = await RunAsync("--bootstrap", "127.0.0.1:1", "--registry", "http://127.0.0.1:1", "--topic", "t", option, value);

        Assert.Equal(2, exit);
        Assert.StartsWith(message + "\n", stderr.ReplaceLineEndings("\n"));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.ProgramDll("hub/DataHub.SampleConsumer", "DataHub.SampleConsumer"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the sample consumer did not stop");
        return (process.ExitCode, await stdout, await stderr);
    }
}
