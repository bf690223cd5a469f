using DataHub.Connectors.Fhir;

namespace DataHub.Tests.Fhir;

public class FhirSampleTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public void Json_transaction_bundle_gives_the_four_birth_certificates()
    {
        var items = HealthSamples.Read("birth-certificates.transaction.json");
        Assert.All(items, i => Assert.IsType<BirthCertificateRecord>(i));
        var births = items.Cast<BirthCertificateRecord>().ToList();
        Assert.Equal(["Q320012345", "Q320012346", "M360098765", "R370054321"], births.Select(b => b.CertificateNumber));
        Assert.Equal(
            new BirthCertificateRecord("birth-certificates.transaction.json", 4, "Q320012345", "王小明", "1", new DateOnly(2024, 10, 3),
                new DateTimeOffset(2024, 10, 3, 8, 15, 0, Cst), "320102199203150249", "李芳", "H32010200011", "南京市妇幼保健院"),
            births[0]);
        Assert.Null(births[1].Name);
        Assert.Equal("2", births[1].SexCode);
        Assert.Equal("370811198811200640", births[3].MotherResidentId);  // sent with the URI alias system
        Assert.Equal("H37081100003", births[3].HospitalCode);
    }

    [Fact]
    public void Xml_collection_in_another_order_with_relative_references_gives_the_same_certificates()
    {
        var json = HealthSamples.Read("birth-certificates.transaction.json").Cast<BirthCertificateRecord>();
        var xml = HealthSamples.Read("birth-certificates.collection.xml").Cast<BirthCertificateRecord>().ToList();
        Assert.Equal(4, xml.Count);
        Assert.Equal(
            json.Select(b => b with { Source = "", Entry = 0 }).OrderBy(b => b.CertificateNumber),
            xml.Select(b => b with { Source = "", Entry = 0 }).OrderBy(b => b.CertificateNumber));
        Assert.Equal(2, xml.Single(b => b.CertificateNumber == "R370054321").Entry); // newborn-4 is the 2nd entry there
    }

    [Fact]
    public void Json_and_xml_of_the_same_bundle_give_identical_records()
    {
        var json = HealthSamples.Read("birth-certificates.transaction.json").Cast<BirthCertificateRecord>().Select(b => b with { Source = "" });
        var xml = HealthSamples.Read("birth-certificates.transaction.xml").Cast<BirthCertificateRecord>().Select(b => b with { Source = "" });
        Assert.Equal(json, xml);
    }

    [Fact]
    public void Document_bundle_gives_the_three_death_certificates()
    {
        var items = HealthSamples.Read("death-certificates.document.json");
        Assert.All(items, i => Assert.IsType<DeathCertificateRecord>(i));
        var deaths = items.Cast<DeathCertificateRecord>().ToList();
        Assert.Equal(["320102194006120312", "360111195212300283", "370811193503050174"], deaths.Select(d => d.ResidentId));
        Assert.Equal(
            new DeathCertificateRecord("death-certificates.document.json", 3, "D320240001", "320102194006120312", "赵建国", "1",
                new DateOnly(1940, 6, 12), new DateOnly(2024, 10, 4), new DateTimeOffset(2024, 10, 4, 14, 20, 0, Cst),
                "I21.900", "急性心肌梗死", "H32010200011", "南京市鼓楼医院"),
            deaths[0]);
        Assert.Equal(new DateOnly(2025, 1, 28), deaths[1].DeathDate);
        Assert.Null(deaths[1].DeathTime); // only a date was sent
        Assert.Equal("2", deaths[1].SexCode);
    }
}
