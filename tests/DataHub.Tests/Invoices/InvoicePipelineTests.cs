using System.Text.Json;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;
using DataHub.Schemas.Topics;
using DataHub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Tests.Invoices;

/// <summary>E-invoice files to issued/voided events on the embedded cluster.</summary>
public sealed class InvoicePipelineTests
{
    internal static InvoiceRunner Runner(HubHarness hub) =>
        new(hub.Runtime.Kafka, hub.Runtime.Registry, hub.Runtime.FeedState, new SqliteInvoiceLedgerStore(hub.Runtime.Database, hub.Runtime.Kafka.ClusterIdentity), NullLogger<InvoiceRunner>.Instance);

    [Fact]
    public async Task Valid_invoices_become_events_and_bad_duplicate_and_second_voids_are_dead_lettered()
    {
        await using var hub = await HubHarness.StartAsync();
        var generator = new InvoiceGenerator(11);
        var issued = Enumerable.Range(0, 50).Select(_ => generator.Issued()).ToList();
        var voids = issued.Take(5).Select(generator.VoidOf).ToList();
        var bad = generator.Issued();
        bad.FundPaid += 1m;                                       // parts no longer add up
        var file = Path.Combine(hub.Directory, "invoices.ndjson");
        InvoiceGenerator.WriteNdjson(file, [.. issued, .. voids, bad, issued[7], generator.VoidOf(issued[0])]);

        var result = await Runner(hub).RunAsync([file], "test");

        Assert.Equal(58, result.Read);
        Assert.Equal(55, result.Published);
        Assert.Equal(3, result.DeadLettered);
        var issuedEvents = hub.ReadTopic("mi.invoice.issued.v1");
        var voidedEvents = hub.ReadTopic("mi.invoice.voided.v1");
        Assert.Equal(issued.Select(i => i.Key).Order(), issuedEvents.Select(e => e.Key!).Order());
        Assert.Equal(voids.Select(v => v.Original!.Key).Order(), voidedEvents.Select(e => e.Key!).Order());
        Assert.All(voidedEvents, e => Assert.True(((Avro.AvroDecimal)e.Value["totalAmount"]).ToString().StartsWith('-')));
        var deadLetters = hub.ReadTopic(TopicCatalog.DeadLetters).OrderBy(d => (long)d.Value["line"]).ToList();
        var reasons = deadLetters.Select(d => ((long)d.Value["line"], (string)d.Value["reason"])).ToList();
        Assert.Equal([56L, 57L, 58L], reasons.Select(r => r.Item1));
        // Each names the topic it was meant for: the second void's is the voided topic.
        Assert.Equal(["mi.invoice.issued.v1", "mi.invoice.issued.v1", "mi.invoice.voided.v1"], deadLetters.Select(d => (string)d.Value["targetTopic"]));
        Assert.Contains("not the total", reasons[0].Item2);
        Assert.Contains("duplicate", reasons[1].Item2);
        Assert.Contains("already voided", reasons[2].Item2);
    }

    [Fact]
    public async Task Progress_reports_the_bytes_read_of_the_file_and_ends_at_its_length()
    {
        await using var hub = await HubHarness.StartAsync();
        var generator = new InvoiceGenerator(13);
        var file = Path.Combine(hub.Directory, "progress.ndjson");
        InvoiceGenerator.WriteNdjson(file, Enumerable.Range(0, 300).Select(_ => generator.Issued()));
        var reports = new List<Hub.Pipeline.FeedProgress>();

        await Runner(hub).RunAsync([file], "test", new SynchronousProgress(reports.Add));

        var length = new FileInfo(file).Length;
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(length, r.BytesTotal));
        Assert.All(reports.SkipLast(1), r => Assert.InRange(r.BytesRead, 0, length - 1));
        Assert.Equal((300L, length), (reports[^1].Read, reports[^1].BytesRead));
    }

    private sealed class SynchronousProgress(Action<Hub.Pipeline.FeedProgress> report) : IProgress<Hub.Pipeline.FeedProgress>
    {
        public void Report(Hub.Pipeline.FeedProgress value) => report(value);
    }

    [Fact]
    public async Task The_ledger_holds_across_runs_so_a_later_file_cannot_void_twice()
    {
        await using var hub = await HubHarness.StartAsync();
        var generator = new InvoiceGenerator(12);
        var original = generator.Issued();
        var first = Path.Combine(hub.Directory, "day1.ndjson");
        InvoiceGenerator.WriteNdjson(first, [original, generator.VoidOf(original)]);
        var second = Path.Combine(hub.Directory, "day2.ndjson");
        InvoiceGenerator.WriteNdjson(second, [generator.VoidOf(original)]);

        var run1 = await Runner(hub).RunAsync([first], "test");
        var run2 = await Runner(hub).RunAsync([second], "test");

        Assert.Equal(2, run1.Published);
        Assert.Equal(0, run2.Published);
        Assert.Equal(1, run2.DeadLettered);
    }

    [Fact]
    public async Task Empty_files_are_read_as_empty_each_time_not_as_already_published_or_as_broken()
    {
        await using var hub = await HubHarness.StartAsync();
        var files = new[] { "a.ndjson", "b.ndjson", "c.json", "d.xml" }.Select(n => Path.Combine(hub.Directory, n)).ToArray();
        foreach (var f in files) File.WriteAllBytes(f, []);

        var result = await Runner(hub).RunAsync(files, "test");

        Assert.All(result.Sources, s => Assert.Equal((false, 0L, 0L), (s.AlreadyDone, s.Read, s.DeadLettered)));
        Assert.Empty(hub.ReadTopic(TopicCatalog.DeadLetters));
    }

    [Fact]
    public async Task A_file_resumed_after_a_crash_publishes_nothing_the_ledger_shows_was_published()
    {
        await using var hub = await HubHarness.StartAsync();
        var generator = new InvoiceGenerator(14);
        var file = Path.Combine(hub.Directory, "resumed.ndjson");
        InvoiceGenerator.WriteNdjson(file, Enumerable.Range(0, 30).Select(_ => generator.Issued(items: 2)));
        var first = await Runner(hub).RunAsync([file], "test");
        Assert.Equal(30, first.Published);
        // As if the run had crashed after the ledger was written but before the checkpoint caught up with it.
        var hash = await InvoiceSourceHash.OfFileAsync(file, CancellationToken.None);
        await hub.Runtime.FeedState.SaveCheckpointAsync(new DataHub.Hub.Store.SourceCheckpoint(InvoiceRunner.FeedName, hash, "resumed.ndjson",
            hub.Runtime.Kafka.ClusterIdentity, 10, false, DateTimeOffset.UtcNow));

        var resumed = await Runner(hub).RunAsync([file], "test");

        Assert.Equal((20L, 0L, 0L, 20L), (resumed.Read, resumed.Published, resumed.DeadLettered, resumed.Sources[0].FoundAcknowledged));
        Assert.Equal(30, hub.ReadTopic("mi.invoice.issued.v1").Count);
        Assert.Empty(hub.ReadTopic(TopicCatalog.DeadLetters));
    }

    [Fact]
    public async Task Xml_and_json_array_files_are_read_and_entity_expansion_is_refused()
    {
        await using var hub = await HubHarness.StartAsync();
        var generator = new InvoiceGenerator(13);
        var invoices = Enumerable.Range(0, 3).Select(_ => generator.Issued(items: 2)).ToList();
        var json = Path.Combine(hub.Directory, "batch.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(invoices.Take(2), InvoiceGenerator.Json));
        var xml = Path.Combine(hub.Directory, "hospital.xml");
        await File.WriteAllTextAsync(xml, InvoiceXml.Document(invoices[2]));
        var bomb = Path.Combine(hub.Directory, "bomb.xml");
        await File.WriteAllTextAsync(bomb, """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <invoices><invoice><invoiceCode>&lol2;</invoiceCode></invoice></invoices>
            """);

        var result = await Runner(hub).RunAsync([json, xml, bomb], "test");

        Assert.Equal(3, result.Published);
        Assert.Equal(1, result.DeadLettered);
        var decoded = hub.ReadTopic("mi.invoice.issued.v1");
        Assert.Equal(invoices.Select(i => i.Key).Order(), decoded.Select(d => d.Key!).Order());
        Assert.Equal(2, ((object[])decoded.Single(d => d.Key == invoices[2].Key).Value["items"]).Length);
        var refusal = (string)hub.ReadTopic(TopicCatalog.DeadLetters).Single().Value["reason"];
        Assert.Contains("DTD", refusal);
    }
}

/// <summary>Writes an invoice in the documented XML layout (docs/invoices.md).</summary>
internal static class InvoiceXml
{
    public static string Document(Invoice invoice) => "<invoices>" + Element(invoice) + "</invoices>";

    /// <summary>One &lt;invoice&gt; element, without the XML declaration.</summary>
    public static string Element(Invoice invoice)
    {
        using var writer = new StringWriter();
        InvoiceXmlLayout.Serializer.Serialize(writer, invoice);
        var body = writer.ToString();
        return body[(body.IndexOf("?>", StringComparison.Ordinal) + 2)..];
    }
}
