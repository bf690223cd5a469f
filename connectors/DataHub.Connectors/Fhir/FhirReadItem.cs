namespace DataHub.Connectors.Fhir;

/// <summary>One outcome of reading a certificate bundle: a certificate record or a rejection, naming its source file.</summary>
public abstract record FhirReadItem(string Source);
