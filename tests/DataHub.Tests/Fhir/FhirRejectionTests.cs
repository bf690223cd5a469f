using System.Text.Json.Nodes;
using DataHub.Connectors.Fhir;

namespace DataHub.Tests.Fhir;

public class FhirRejectionTests
{
    private const string Sample = "birth-certificates.transaction.json";

    private static IReadOnlyList<FhirReadItem> ReadModified(Action<JsonObject> change)
    {
        var bundle = HealthSamples.Json(Sample);
        change(bundle);
        return HealthSamples.ReadText(bundle.ToJsonString(), "modified.json");
    }

    private static List<string> GoodCertificates(IEnumerable<FhirReadItem> items) =>
        items.OfType<BirthCertificateRecord>().Select(b => b.CertificateNumber).ToList();

    [Fact]
    public void Wrong_resource_type_is_rejected_and_the_rest_still_read()
    {
        var items = ReadModified(b => b["entry"]!.AsArray().Insert(1, JsonNode.Parse(
            """{"fullUrl":"urn:uuid:00000000-0000-4000-8000-000000000001","resource":{"resourceType":"Claim","id":"c1","status":"active"},"request":{"method":"POST","url":"Claim"}}""")));
        var rejection = Assert.Single(items.OfType<FhirRejection>());
        Assert.Equal((2, "Claim", "modified.json"), (rejection.Entry!.Value, rejection.ResourceType!, rejection.Source));
        Assert.Contains("not part of", rejection.Reason);
        Assert.Equal(4, GoodCertificates(items).Count);
    }

    [Fact]
    public void Missing_certificate_number_rejects_that_newborn_only()
    {
        var items = ReadModified(b => HealthSamples.Resource(b, "newborn-2").Remove("identifier"));
        var rejection = Assert.Single(items.OfType<FhirRejection>());
        Assert.Equal((6, "Patient", "Patient.identifier"), (rejection.Entry!.Value, rejection.ResourceType!, rejection.Field!));
        Assert.Contains("missing birth certificate number", rejection.Reason);
        Assert.Equal(["Q320012345", "M360098765", "R370054321"], GoodCertificates(items));
    }

    [Fact]
    public void Bad_mother_id_rejects_that_certificate_naming_the_mother_entry()
    {
        // 360102199001010229 with a wrong check character.
        var items = ReadModified(b => HealthSamples.Resource(b, "mother-3")["identifier"]![0]!["value"] = "360102199001010221");
        var rejection = Assert.Single(items.OfType<FhirRejection>());
        Assert.Equal((9, "RelatedPerson", "RelatedPerson.identifier"), (rejection.Entry!.Value, rejection.ResourceType!, rejection.Field!));
        Assert.Contains("M360098765", rejection.Reason);
        Assert.Contains("check character", rejection.Reason);
        Assert.Equal(["Q320012345", "Q320012346", "R370054321"], GoodCertificates(items));
    }

    [Fact]
    public void Invalid_birth_date_rejects_that_entry_only()
    {
        var items = ReadModified(b => HealthSamples.Resource(b, "newborn-1")["birthDate"] = "2024-02-30");
        var rejection = Assert.Single(items.OfType<FhirRejection>());
        Assert.Equal((4, "Patient"), (rejection.Entry!.Value, rejection.ResourceType!));
        Assert.Contains("2024-02-30", rejection.Reason);
        Assert.Equal(3, GoodCertificates(items).Count);
    }

    [Fact]
    public void Invalid_json_is_one_whole_file_rejection_with_position()
    {
        var text = File.ReadAllText(HealthSamples.Path(Sample)).Replace("\"type\": \"transaction\",", "\"type\": \"transaction\"");
        var rejection = Assert.IsType<FhirRejection>(Assert.Single(HealthSamples.ReadText(text, "broken.json")));
        Assert.Null(rejection.Entry);
        Assert.Equal("broken.json", rejection.Source);
        // The missing comma after line 4 is noticed at the next property, line 5.
        Assert.Matches(@"invalid JSON \(line 5, position 3\)", rejection.Reason);
    }

    [Fact]
    public void Invalid_xml_is_one_whole_file_rejection_with_position()
    {
        var text = File.ReadAllText(HealthSamples.Path("birth-certificates.collection.xml")).Replace("</RelatedPerson>", "</Related>");
        var rejection = Assert.IsType<FhirRejection>(Assert.Single(HealthSamples.ReadText(text, "broken.xml")));
        Assert.Null(rejection.Entry);
        Assert.Matches(@"invalid XML \(line \d+, position \d+\)", rejection.Reason);
    }

    [Fact]
    public void Billion_laughs_is_refused_without_expansion()
    {
        const string payload = """
            <?xml version="1.0"?>
            <!DOCTYPE Bundle [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <Bundle xmlns="http://hl7.org/fhir"><id value="&lol9;"/><type value="collection"/></Bundle>
            """;
        var rejection = Assert.IsType<FhirRejection>(Assert.Single(HealthSamples.ReadText(payload, "lol.xml")));
        Assert.Null(rejection.Entry);
        Assert.Contains("entity-expansion protection", rejection.Reason);
    }

    [Fact]
    public void A_bundle_of_another_type_is_refused()
    {
        var items = ReadModified(b => b["type"] = "searchset");
        var rejection = Assert.IsType<FhirRejection>(Assert.Single(items));
        Assert.Contains("searchset", rejection.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Death_without_resident_id_is_rejected_and_others_still_read()
    {
        var bundle = HealthSamples.Json("death-certificates.document.json");
        HealthSamples.Resource(bundle, "deceased-2")["identifier"]!.AsArray().RemoveAt(0);
        var items = HealthSamples.ReadText(bundle.ToJsonString(), "deaths.json");
        var rejection = Assert.Single(items.OfType<FhirRejection>());
        Assert.Equal((5, "Patient.identifier"), (rejection.Entry!.Value, rejection.Field!));
        Assert.Equal(2, items.OfType<DeathCertificateRecord>().Count());
    }
}
