using System.Diagnostics;
using System.Text;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Sources;
using DataHub.Schemas.Topics;
using DataHub.Tests.Contracts;
using DataHub.Tests.Support;

namespace DataHub.Tests.Connectors;

/// <summary>
/// A runaway line (a 1 GB single line, e.g. an export that lost its newlines or a quote that never closes) is
/// generated at test time by streaming into a temporary folder and deleted after: the reader must report it
/// without holding it in memory, and the good lines before it must be published.
/// </summary>
[Collection(SerialCollection.Name)]
public class RunawayLineTests(EmbeddedHubFixture hub) : IClassFixture<EmbeddedHubFixture>
{
    private const long OneGigabyte = 1L << 30;

    private static readonly string[] Good = File.ReadLines(RepoPaths.Under("connectors", "samples", "public-security", "births", "births-2026-11-a-utf8.csv"))
        .Take(6).ToArray();

    [Fact]
    public async Task Csv_with_a_1_GB_line_reports_it_publishes_the_good_lines_before_it_and_allocates_little()
    {
        var path = Path.Combine(hub.NewDirectory(), "runaway-1gb.csv");
        try
        {
            WriteFile(path, [Good[0], Good[1], Good[2], Good[3]], OneGigabyte, [Good[4], Good[5]]);
            var definition = FeedDefinitionLoader.Load(RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "feeds", "births-csv.yaml"));
            var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

            var result = await hub.NewFeedRunner().RunAsync(definition, [path], "runaway test");

            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var peakGrowth = Process.GetCurrentProcess().PeakWorkingSet64 - peakBefore;
            Assert.True(allocated < 256L << 20, $"the run allocated {allocated >> 20} MiB reading a 1 GiB line");
            Assert.True(peakGrowth < 512L << 20, $"peak working set grew by {peakGrowth >> 20} MiB");

            var published = hub.ReadTopic(definition.Target.Topic).Where(r => r.Origin!.Source == "runaway-1gb.csv").ToList();
            Assert.Equal([2L, 3L, 4L], published.Select(r => r.Origin!.Line).Order());
            var deadLetters = hub.ReadTopic(TopicCatalog.DeadLetters).Where(r => (string)r.Value["source"] == "runaway-1gb.csv").ToList();
            var runaway = Assert.Single(deadLetters, d => (long)d.Value["line"] == 5);
            Assert.Contains("cannot be read past this point", (string)runaway.Value["reason"]);
            Assert.Equal(result.Published + result.DeadLettered, result.Read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Ndjson_line_over_the_record_limit_is_skipped_and_the_lines_around_it_are_published()
    {
        var definition = FeedDefinitionLoader.Load(RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "feeds", "births-ndjson.yaml"));
        var path = Path.Combine(hub.NewDirectory(), "runaway.ndjson");
        var lines = Good.Skip(1).Select(ToJson).ToArray();
        WriteFile(path, [lines[0], lines[1]], NdjsonFileSource.MaxRecordBytes + 1024, [lines[2]]);

        var result = await hub.NewFeedRunner().RunAsync(definition, [path], "runaway test");

        Assert.Equal(3, result.Published);
        var deadLetter = Assert.Single(hub.ReadTopic(TopicCatalog.DeadLetters), r => (string)r.Value["source"] == "runaway.ndjson");
        Assert.Equal(3L, deadLetter.Value["line"]);
        Assert.Contains("longer than", (string)deadLetter.Value["reason"]);
    }

    /// <summary>Writes lines, then one line of <paramref name="runawayBytes"/> bytes streamed in 1 MiB blocks, then more lines.</summary>
    private static void WriteFile(string path, string[] before, long runawayBytes, string[] after)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var utf8 = new UTF8Encoding(false);
        foreach (var line in before) file.Write(utf8.GetBytes(line + "\n"));
        var block = new byte[1 << 20];
        Array.Fill(block, (byte)'x');
        for (var left = runawayBytes; left > 0; left -= block.Length) file.Write(block, 0, (int)Math.Min(block.Length, left));
        file.WriteByte((byte)'\n');
        foreach (var line in after) file.Write(utf8.GetBytes(line + "\n"));
    }

    private static string ToJson(string csv)
    {
        var p = csv.Split(',');
        return $$"""{"person": {"id": "{{p[0]}}", "name": "{{p[1]}}", "sex": "{{p[2]}}", "birthDate": "{{p[3]}}"}, "household": {"division": "{{p[4]}}"}, "mother": {"id": "{{p[5]}}"}, "father": {"id": "{{p[6]}}"}, "certificate": "{{p[7]}}", "registered": "{{p[8]}}"}""";
    }
}
