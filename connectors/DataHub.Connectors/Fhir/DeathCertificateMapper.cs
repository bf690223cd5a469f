using DataHub.Schemas.Identity;
using Hl7.Fhir.Model;

namespace DataHub.Connectors.Fhir;

/// <summary>Maps a deceased Patient, its cause of death and the issuing organization to a death certificate.</summary>
internal static class DeathCertificateMapper
{
    public static FhirReadItem Map(CertificateContext ctx, IndexedResource at)
    {
        var patient = (Patient)at.Resource;
        var id = FhirValues.IdentifierValue(patient.Identifier, FhirProfile.ResidentIdSystems.Contains);
        if (id is null)
            return ctx.Reject(at, "Patient.identifier", $"deceased person has no resident ID (system {FhirProfile.ResidentIdOid} or {FhirProfile.ResidentIdUri})");
        var check = ResidentId.Check(id, ctx.IsKnownDivision);
        if (!check.IsValid) return ctx.Reject(at, "Patient.identifier", $"invalid resident ID '{id}': {check.Error}");
        var residentId = check.Normalized!;

        if (patient.Deceased is not FhirDateTime deceased)
            return ctx.Reject(at, "Patient.deceased", $"{residentId}: deceasedDateTime is required (deceasedBoolean carries no date)");
        if (!FhirValues.TryDateTime(deceased.Value, out var deathDate, out var deathTime))
            return ctx.Reject(at, "Patient.deceasedDateTime", $"{residentId}: '{deceased.Value}' is not a valid date or dateTime");

        DateOnly? birthDate = null;
        if (patient.BirthDate is not null)
        {
            if (!FhirValues.TryDate(patient.BirthDate, out var b))
                return ctx.Reject(at, "Patient.birthDate", $"{residentId}: '{patient.BirthDate}' is not a valid full date");
            if (b > deathDate) return ctx.Reject(at, "Patient.birthDate", $"{residentId}: born {b:yyyy-MM-dd} after death on {deathDate:yyyy-MM-dd}");
            birthDate = b;
        }
        var sex = FhirValues.SexCode(patient.Gender) ?? ResidentId.SexCodeOf(residentId);

        var issuer = FindIssuer(ctx.Index, patient);
        if (issuer is null)
            return ctx.Reject(at, "Patient.managingOrganization", $"{residentId}: no issuing Organization (Patient.managingOrganization or Composition.custodian)");
        var (code, name, error) = ctx.Institution((Organization)issuer.Resource);
        if (error is not null) return ctx.Reject(issuer, "Organization.identifier", $"{residentId}: {error}");

        var (causeCode, causeText) = Cause(ctx.Index, at);
        var number = FhirValues.IdentifierValue(patient.Identifier, s => s == FhirProfile.DeathCertificateUri);
        return new DeathCertificateRecord(ctx.Source, at.Entry, number, residentId, FhirValues.Name(patient.Name), sex, birthDate,
            deathDate, deathTime, causeCode, causeText, code!, name);
    }

    private static IndexedResource? FindIssuer(BundleIndex index, Patient patient)
    {
        if (index.Resolve(patient.ManagingOrganization) is { Resource: Organization } managing) return managing;
        foreach (var (_, composition) in index.OfType<Composition>())
        {
            if (index.Resolve(composition.Custodian) is { Resource: Organization } custodian) return custodian;
            if (composition.Author.Select(index.Resolve).FirstOrDefault(r => r?.Resource is Organization) is { } author) return author;
        }
        return null;
    }

    /// <summary>The underlying cause: a Condition about the person, else an Observation with a coded value.</summary>
    private static (string? Code, string? Text) Cause(BundleIndex index, IndexedResource at)
    {
        foreach (var (_, condition) in index.OfType<Condition>())
            if (index.PointsTo(condition.Subject, at)) return (FhirValues.FirstCode(condition.Code), FhirValues.Text(condition.Code));
        foreach (var (_, observation) in index.OfType<Observation>())
            if (index.PointsTo(observation.Subject, at) && observation.Value is CodeableConcept value)
                return (FhirValues.FirstCode(value), FhirValues.Text(value));
        return (null, null);
    }
}
