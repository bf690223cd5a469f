namespace DataHub.Connectors.Fhir;

/// <summary>
/// The identifier systems and extension URLs of the DataHub FHIR profiles (docs/fhir-profiles.md), kept in
/// this one file so they can be corrected from the published standard without touching the mapping code.
/// The <c>urn:datahub:</c> systems are DataHub's own (provisional) names where no official one is fixed.
/// </summary>
public static class FhirProfile
{
    /// <summary>Resident ID (居民身份证号码): the OID used by Chinese health information standards.</summary>
    public const string ResidentIdOid = "urn:oid:2.16.156.10011.1.1";

    /// <summary>Resident ID: URI alias accepted as well.</summary>
    public const string ResidentIdUri = "urn:datahub:fhir:sid:resident-id";

    /// <summary>Birth certificate number (出生医学证明编号): one uppercase letter and 9 digits.</summary>
    public const string BirthCertificateUri = "urn:datahub:fhir:sid:birth-certificate";

    /// <summary>Death certificate number (死亡医学证明编号), optional.</summary>
    public const string DeathCertificateUri = "urn:datahub:fhir:sid:death-certificate";

    /// <summary>Designated medical institution code (定点医疗机构代码): H + 6-digit division + 5 digits.</summary>
    public const string InstitutionCodeUri = "urn:datahub:fhir:sid:nhsa-institution";

    /// <summary>The core extension for the time of birth, on Patient.birthDate (also accepted on Patient).</summary>
    public const string BirthTimeExtension = "http://hl7.org/fhir/StructureDefinition/patient-birthTime";

    /// <summary>HL7 v3 RoleCode for the mother in RelatedPerson.relationship.</summary>
    public const string MotherRoleCode = "MTH";

    /// <summary>China Standard Time, assumed for a dateTime sent without an offset.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static readonly IReadOnlySet<string> ResidentIdSystems = new HashSet<string>(StringComparer.Ordinal) { ResidentIdOid, ResidentIdUri };

    /// <summary>Resource types a certificate bundle may carry; any other is rejected (the rest of the bundle still counts).</summary>
    public static readonly IReadOnlySet<string> AcceptedResourceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Patient", "RelatedPerson", "Organization", "Composition", "Encounter", "Observation", "Condition",
        "Practitioner", "PractitionerRole", "Location", "Provenance",
    };
}
