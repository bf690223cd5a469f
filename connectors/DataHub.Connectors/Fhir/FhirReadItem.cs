namespace DataHub.Connectors.Fhir;

/// <summary>One outcome of reading a certificate bundle: a certificate record or a rejection, naming its source file.</summary>
public abstract record FhirReadItem(string Source);

/// <summary>Everything read from one bundle file: its items in entry order and when the bundle was issued (null when it does not say).</summary>
public sealed record FhirBundleContent(IReadOnlyList<FhirReadItem> Items, DateTimeOffset? IssuedAt);
