using DataHub.Schemas.Reference;
using Hl7.Fhir.Model;

namespace DataHub.Connectors.Fhir;

/// <summary>
/// Reads birth and death certificate bundles (FHIR R4, JSON or XML; transaction, collection or document) as
/// health departments send them, per the profiles in docs/fhir-profiles.md. Yields one item per certificate —
/// a <see cref="BirthCertificateRecord"/>, a <see cref="DeathCertificateRecord"/> or a <see cref="FhirRejection"/> —
/// plus a rejection for each entry outside the profiles. A bad entry never stops the good ones; a file that
/// cannot be parsed yields a single whole-file rejection carrying the parser's message.
/// </summary>
public sealed class FhirBundleReader(Func<string, bool>? isKnownDivision = null)
{
    /// <summary>Files larger than this are refused unread.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    private readonly Func<string, bool> _isKnownDivision = isKnownDivision ?? DivisionTable.Default.Contains;

    public IReadOnlyList<FhirReadItem> Read(Stream stream, string source) => ReadContent(stream, source).Items;

    /// <summary>The items, and when the bundle says it was issued (Composition.date of a document, else Bundle.timestamp).</summary>
    public FhirBundleContent ReadContent(Stream stream, string source)
    {
        var bytes = ReadAll(stream);
        if (bytes is null) return new([FhirRejection.WholeFile(source, $"the file is larger than {MaxBytes} bytes")], null);
        var parsed = FhirBundleParser.Parse(bytes, out var error);
        if (parsed is null) return new([FhirRejection.WholeFile(source, error!)], null);
        return new(ReadBundle(parsed, source), IssuedAt(parsed.Bundle));
    }

    private static DateTimeOffset? IssuedAt(Bundle bundle)
    {
        var composition = bundle.Type == Bundle.BundleType.Document ? bundle.Entry.FirstOrDefault()?.Resource as Composition : null;
        if (composition?.Date is { } date && FhirValues.TryDateTime(date, out var day, out var instant))
            return instant ?? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), FhirProfile.ChinaOffset);
        return bundle.Timestamp;
    }

    private List<FhirReadItem> ReadBundle(ParsedBundle parsed, string source)
    {
        var bundle = parsed.Bundle;
        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Collection or Bundle.BundleType.Document))
            return [FhirRejection.WholeFile(source, $"Bundle.type is '{bundle.Type?.ToString() ?? "missing"}'; expected transaction, collection or document")];
        if (bundle.Type == Bundle.BundleType.Document && bundle.Entry.FirstOrDefault()?.Resource is not Composition)
            return [FhirRejection.WholeFile(source, "a document Bundle must have a Composition as its first entry")];

        var items = new List<FhirReadItem>();
        if (parsed.EntryIssues.TryGetValue(0, out var bundleIssue))
            items.Add(new FhirRejection(source, null, "Bundle", null, $"problem outside the entries (entries still read): {bundleIssue}"));

        var usable = new List<(IndexedResource Resource, string? FullUrl)>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            var number = i + 1;
            var type = entry.Resource?.TypeName;
            if (parsed.EntryIssues.TryGetValue(number, out var issue))
                items.Add(new FhirRejection(source, number, type, "entry.resource", $"the parser refused this entry: {issue}"));
            else if (entry.Resource is null)
                items.Add(new FhirRejection(source, number, null, "entry.resource", "the entry has no resource"));
            else if (!FhirProfile.AcceptedResourceTypes.Contains(entry.Resource.TypeName))
                items.Add(new FhirRejection(source, number, type, "entry.resource",
                    $"resource type {type} is not part of the birth/death certificate profiles"));
            else
                usable.Add((new IndexedResource(number, entry.Resource), entry.FullUrl));
        }

        var index = new BundleIndex(usable.Select(u => u.Resource));
        foreach (var (resource, fullUrl) in usable)
            if (!string.IsNullOrWhiteSpace(fullUrl)) index.AddFullUrl(fullUrl, resource);

        var ctx = new CertificateContext(source, index, _isKnownDivision);
        var mothers = MotherEntries(index);
        foreach (var (at, patient) in index.OfType<Patient>())
        {
            if (patient.Deceased is not null and not FhirBoolean { Value: false }) items.Add(DeathCertificateMapper.Map(ctx, at));
            else if (!mothers.Contains(at.Entry)) items.Add(BirthCertificateMapper.Map(ctx, at));
        }
        return [.. items.OrderBy(x => x is FhirRejection r ? r.Entry ?? 0 : EntryOf(x))];
    }

    /// <summary>Patients that are some newborn's mother (via Patient.link), so not certificates themselves.</summary>
    private static HashSet<int> MotherEntries(BundleIndex index)
    {
        var mothers = new HashSet<int>();
        foreach (var (at, patient) in index.OfType<Patient>())
            if (patient.Deceased is null && BirthCertificateMapper.FindMother(index, at) is { Resource: Patient } mother && mother.Entry != at.Entry)
                mothers.Add(mother.Entry);
        return mothers;
    }

    private static int EntryOf(FhirReadItem item) => item switch
    {
        BirthCertificateRecord b => b.Entry,
        DeathCertificateRecord d => d.Entry,
        _ => 0,
    };

    private static byte[]? ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > MaxBytes) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
