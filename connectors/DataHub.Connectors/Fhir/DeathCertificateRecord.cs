namespace DataHub.Connectors.Fhir;

/// <summary>
/// A death certificate read from a FHIR bundle. <see cref="Entry"/> is the 1-based bundle entry of the
/// deceased Patient; <see cref="DeathTime"/> is null when only the date was sent. Sex is the GB/T 2261.1 code.
/// </summary>
public sealed record DeathCertificateRecord(
    string Source,
    int Entry,
    string? CertificateNumber,
    string ResidentId,
    string? Name,
    string SexCode,
    DateOnly? BirthDate,
    DateOnly DeathDate,
    DateTimeOffset? DeathTime,
    string? CauseCode,
    string? CauseText,
    string IssuerCode,
    string? IssuerName) : FhirReadItem(Source);
