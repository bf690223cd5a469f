using DataHub.Tests.Support;
using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using DataHub.Tests.Contracts;

namespace DataHub.Tests.Connectors;

/// <summary>`datahub feed try`: what would be published and rejected, without Kafka or a store.</summary>
public class FeedDryRunTests
{
    [Fact]
    public void Dry_run_counts_shows_the_first_records_masked_and_every_rejection()
    {
        var feed = FeedDefinitionLoader.Load(RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "feeds", "births-csv.yaml"));
        var sample = RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "csv", "bad-ids.csv");

        var result = FeedDryRun.Run(feed, SourceFiles.Resolve(feed, sample), sampleSize: 1);

        Assert.Equal((6, 2, 4), (result.Read, result.Valid, result.Rejected));
        var record = Assert.Single(result.Sample);
        Assert.Equal(("bad-ids.csv", 2L, "3201**********8746"), (record.Source, record.Line, record.Key));
        Assert.Equal("李*", record.Values.Single(v => v.Key == "name").Value);
        Assert.Equal("2026-09-21", record.Values.Single(v => v.Key == "birthDate").Value);
        Assert.Equal([3L, 4, 5, 6], result.Rejections.Select(r => r.Line));
        Assert.All(result.Rejections, r => Assert.Equal("residentId", r.Field));
        Assert.Equal("3201**********7740", result.Rejections[0].Value);
    }

    [Fact]
    public void A_relative_sample_is_found_from_the_current_folder_not_from_the_definitions()
    {
        // `datahub feed try tax/contributions mine.csv`: mine.csv is where the user is, not under connectors/feeds/tax/.
        var feed = FeedDefinitionLoader.Load(RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "feeds", "births-csv.yaml"));
        var sample = RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "csv", "bad-ids.csv");
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), sample);
        Assert.False(Path.IsPathRooted(relative));

        Assert.Equal([Path.GetFullPath(sample)], SourceFiles.Resolve(feed, relative));
    }
}
