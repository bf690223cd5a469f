namespace DataHub.Connectors.Fhir;

/// <summary>
/// A birth certificate (出生医学证明) read from a FHIR bundle. <see cref="Entry"/> is the 1-based bundle entry
/// of the newborn Patient. Sex is the GB/T 2261.1 code (1 male, 2 female, 0 unknown, 9 not stated).
/// </summary>
public sealed record BirthCertificateRecord(
    string Source,
    int Entry,
    string CertificateNumber,
    string? Name,
    string SexCode,
    DateOnly BirthDate,
    DateTimeOffset? BirthTime,
    string MotherResidentId,
    string? MotherName,
    string HospitalCode,
    string? HospitalName) : FhirReadItem(Source);
