namespace DataHub.Connectors.Fhir;

/// <summary>
/// Why a certificate (or a whole file) was not accepted. <see cref="Entry"/> is the 1-based bundle entry, or
/// null when the whole file is rejected; <see cref="Field"/> names the element at fault (e.g. "Patient.identifier").
/// </summary>
public sealed record FhirRejection(string Source, int? Entry, string? ResourceType, string? Field, string Reason) : FhirReadItem(Source)
{
    public static FhirRejection WholeFile(string source, string reason) => new(source, null, null, null, reason);

    public override string ToString() =>
        $"{Source}{(Entry is { } e ? $" entry {e}" : "")}{(ResourceType is null ? "" : $" {ResourceType}")}{(Field is null ? "" : $" ({Field})")}: {Reason}";
}
