using Hl7.Fhir.Model;

namespace DataHub.Connectors.Fhir;

/// <summary>What the certificate mappers share: the source name, the resolved bundle and the division check.</summary>
internal sealed record CertificateContext(string Source, BundleIndex Index, Func<string, bool> IsKnownDivision)
{
    public FhirRejection Reject(IndexedResource at, string field, string reason) =>
        new(Source, at.Entry, at.Resource.TypeName, field, reason);

    /// <summary>The 定点医疗机构 code of an organization, or the reason it has none.</summary>
    public (string? Code, string? Name, string? Error) Institution(Organization org)
    {
        var code = FhirValues.IdentifierValue(org.Identifier, s => s == FhirProfile.InstitutionCodeUri);
        if (code is null) return (null, null, $"Organization has no identifier with system {FhirProfile.InstitutionCodeUri}");
        var error = IdentifierFormats.InstitutionCodeError(code, IsKnownDivision);
        return error is null ? (code, org.Name, null) : (null, null, error);
    }
}
