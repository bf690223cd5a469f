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
}
