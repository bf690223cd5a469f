using DataHub.Schemas.Identity;
using Hl7.Fhir.Model;

namespace DataHub.Connectors.Fhir;

/// <summary>Maps a newborn Patient and the resources it links to (mother, hospital) to a birth certificate.</summary>
internal static class BirthCertificateMapper
{
    public static FhirReadItem Map(CertificateContext ctx, IndexedResource at)
    {
        var newborn = (Patient)at.Resource;
        var number = FhirValues.IdentifierValue(newborn.Identifier, s => s == FhirProfile.BirthCertificateUri);
        if (number is null)
            return ctx.Reject(at, "Patient.identifier", $"missing birth certificate number (identifier with system {FhirProfile.BirthCertificateUri})");
        if (!IdentifierFormats.IsBirthCertificateNumber(number))
            return ctx.Reject(at, "Patient.identifier", $"birth certificate number '{number}' is not an uppercase letter and 9 digits");

        var sex = FhirValues.SexCode(newborn.Gender);
        if (sex is null) return ctx.Reject(at, "Patient.gender", $"birth certificate {number}: gender is missing");
        if (newborn.BirthDate is null) return ctx.Reject(at, "Patient.birthDate", $"birth certificate {number}: birthDate is missing");
        if (!FhirValues.TryDate(newborn.BirthDate, out var birthDate))
            return ctx.Reject(at, "Patient.birthDate", $"birth certificate {number}: '{newborn.BirthDate}' is not a valid full date");

        var birthTime = BirthTime(newborn);
        if (birthTime.Error is not null) return ctx.Reject(at, "Patient.birthDate.extension(patient-birthTime)", $"birth certificate {number}: {birthTime.Error}");
        if (birthTime.Value is { } t && DateOnly.FromDateTime(t.ToOffset(FhirProfile.ChinaOffset).DateTime) != birthDate)
            return ctx.Reject(at, "Patient.birthDate.extension(patient-birthTime)", $"birth certificate {number}: birth time {t:O} is not on birthDate {birthDate:yyyy-MM-dd}");

        var mother = FindMother(ctx.Index, at);
        if (mother is null)
            return ctx.Reject(at, "RelatedPerson", $"birth certificate {number}: no mother (RelatedPerson with relationship {FhirProfile.MotherRoleCode} whose patient is the newborn, or a Patient.link)");
        var (motherIds, motherNames) = mother.Resource switch
        {
            RelatedPerson rp => (rp.Identifier, rp.Name),
            Patient p => (p.Identifier, p.Name),
            _ => ([], []),
        };
        var motherField = $"{mother.Resource.TypeName}.identifier";
        var motherId = FhirValues.IdentifierValue(motherIds, FhirProfile.ResidentIdSystems.Contains);
        if (motherId is null)
            return ctx.Reject(mother, motherField, $"birth certificate {number}: mother has no resident ID (system {FhirProfile.ResidentIdOid} or {FhirProfile.ResidentIdUri})");
        var check = ResidentId.Check(motherId, ctx.IsKnownDivision);
        if (!check.IsValid) return ctx.Reject(mother, motherField, $"birth certificate {number}: invalid mother resident ID '{motherId}': {check.Error}");

        var hospital = FindHospital(ctx.Index, at, newborn);
        if (hospital is null)
            return ctx.Reject(at, "Patient.managingOrganization", $"birth certificate {number}: no hospital Organization (Patient.managingOrganization or Encounter.serviceProvider)");
        var (code, name, error) = ctx.Institution((Organization)hospital.Resource);
        if (error is not null) return ctx.Reject(hospital, "Organization.identifier", $"birth certificate {number}: {error}");

        return new BirthCertificateRecord(ctx.Source, at.Entry, number, FhirValues.Name(newborn.Name), sex, birthDate, birthTime.Value,
            check.Normalized!, FhirValues.Name(motherNames), code!, name);
    }

    /// <summary>The mother: a RelatedPerson (relationship MTH) whose patient is the newborn, else a Patient.link target.</summary>
    public static IndexedResource? FindMother(BundleIndex index, IndexedResource newborn)
    {
        foreach (var (entry, rp) in index.OfType<RelatedPerson>())
            if (index.PointsTo(rp.Patient, newborn) && rp.Relationship.Any(r => r.Coding.Any(c => c.Code == FhirProfile.MotherRoleCode)))
                return entry;
        return ((Patient)newborn.Resource).Link.Select(l => index.Resolve(l.Other)).FirstOrDefault(r => r?.Resource is Patient or RelatedPerson);
    }

    private static IndexedResource? FindHospital(BundleIndex index, IndexedResource at, Patient newborn)
    {
        if (index.Resolve(newborn.ManagingOrganization) is { Resource: Organization } managing) return managing;
        foreach (var (_, encounter) in index.OfType<Encounter>())
            if (index.PointsTo(encounter.Subject, at) && index.Resolve(encounter.ServiceProvider) is { Resource: Organization } provider)
                return provider;
        return null;
    }

    private static (DateTimeOffset? Value, string? Error) BirthTime(Patient newborn)
    {
        var ext = newborn.BirthDateElement?.Extension.FirstOrDefault(e => e.Url == FhirProfile.BirthTimeExtension)
                  ?? newborn.Extension.FirstOrDefault(e => e.Url == FhirProfile.BirthTimeExtension);
        if (ext is null) return (null, null);
        if (ext.Value is not FhirDateTime dt || !FhirValues.TryDateTime(dt.Value, out _, out var instant) || instant is null)
            return (null, $"birth time '{ext.Value}' is not a dateTime with a time of day");
        return (instant, null);
    }
}
