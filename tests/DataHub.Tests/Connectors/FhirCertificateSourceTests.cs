using DataHub.Tests.Support;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Sources;
using DataHub.Hub.Pipeline;
using DataHub.Tests.Contracts;

namespace DataHub.Tests.Connectors;

/// <summary>The fhir format: certificates as rows (columns = record properties), rejections as problem rows.</summary>
public class FhirCertificateSourceTests
{
    private static string Sample(string name) => RepoPaths.Under("connectors", "samples", "health", name);

    [Fact]
    public void Birth_certificates_are_rows_keyed_by_bundle_entry_with_iso_timestamps()
    {
        using var source = new FhirCertificateSource(Sample("birth-certificates.transaction.json"), "birth");

        var rows = source.ReadRows(0).ToList();

        Assert.Equal(["Entry", "CertificateNumber", "Name", "SexCode", "BirthDate", "BirthTime", "MotherResidentId", "MotherName",
            "HospitalCode", "HospitalName", "IssuedAt", "IssuedDate"], source.Columns);
        Assert.Equal(4, rows.Count);
        var first = rows[0];
        Assert.Equal(4, first.Line);
        Assert.Equal(["4", "Q320012345", "王小明", "1", "2024-10-03", "2024-10-03T08:15:00.000+08:00", "320102199203150249", "李芳",
            "H32010200011", "南京市妇幼保健院", "2025-02-10T09:00:00.000+08:00", "2025-02-10"], first.Fields);
    }

    [Fact]
    public void A_birth_feed_skips_the_deaths_of_a_bundle_and_a_death_feed_the_births()
    {
        using var births = new FhirCertificateSource(Sample("death-certificates.document.json"), "birth");
        using var deaths = new FhirCertificateSource(Sample("death-certificates.document.json"), "death");
        Assert.Empty(births.ReadRows(0));
        Assert.Equal(3, deaths.ReadRows(0).Count());
    }

    [Fact]
    public void Rejections_are_problem_rows_with_resident_ids_masked()
    {
        var path = RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "fhir", "wrong-resource-types.json");
        using var source = new FhirCertificateSource(path, "birth");
        var problems = source.ReadRows(0).Where(r => r.Problem is not null).ToList();
        Assert.Equal([12L, 13L], problems.Select(p => p.Line));
        Assert.StartsWith("FHIR Claim (entry.resource): resource type Claim", problems[0].Problem);
    }

    [Fact]
    public void The_shipped_health_feeds_publish_every_sample_certificate_in_a_dry_run()
    {
        var births = FeedDefinitionLoader.Load(RepoPaths.Under("connectors", "feeds", "health", "birth-certificates.yaml"));
        var deaths = FeedDefinitionLoader.Load(RepoPaths.Under("connectors", "feeds", "health", "death-certificates.yaml"));

        var b = FeedDryRun.Run(births, SourceFiles.Resolve(births));
        var d = FeedDryRun.Run(deaths, SourceFiles.Resolve(deaths));

        Assert.Equal((4, 4, 0), (b.Read, b.Valid, b.Rejected));
        Assert.Equal((3, 3, 0), (d.Read, d.Valid, d.Rejected));
        // A death sent with a date only: the date at 00:00 China time stands in for the instant (fallback: DeathDate).
        var dateOnly = d.Sample.Single(r => r.Key == "D360250002");
        Assert.Equal("2025-01-27T16:00:00.000Z", dateOnly.Values.Single(v => v.Key == "deathTime").Value);
        Assert.Equal("钱**", dateOnly.Values.Single(v => v.Key == "name").Value);
    }
}
