using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using DataHub.Connectors.Fhir;
using DataHub.Schemas.Privacy;

namespace DataHub.Connectors.Sources;

/// <summary>
/// Adapts <see cref="FhirBundleReader"/> to a feed source: each birth (or death) certificate of a FHIR R4
/// bundle is one row whose columns are the record's property names (CertificateNumber, MotherResidentId,
/// BirthDate, …) plus IssuedAt / IssuedDate (when the bundle says it was issued); the row's line is the
/// bundle entry. Each <see cref="FhirRejection"/> is a problem row with its reason, resident IDs masked.
/// Certificates of the other kind in a mixed bundle are left to the other feed.
/// </summary>
public sealed partial class FhirCertificateSource : ISourceReader
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly string _path;
    private readonly Type _recordType;
    private readonly PropertyInfo[] _properties;
    private readonly string[] _columns;
    private long _length;

    /// <param name="certificate">birth or death.</param>
    public FhirCertificateSource(string path, string certificate)
    {
        _path = path;
        SourceName = Path.GetFileName(path);
        _recordType = certificate switch
        {
            "birth" => typeof(BirthCertificateRecord),
            "death" => typeof(DeathCertificateRecord),
            _ => throw new ArgumentException($"certificate must be birth or death, not '{certificate}'", nameof(certificate)),
        };
        _properties = _recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(FhirReadItem.Source) && p.GetIndexParameters().Length == 0)
            .ToArray();
        _columns = [.. _properties.Select(p => p.Name), "IssuedAt", "IssuedDate"];
    }

    /// <summary>The columns a certificate kind offers, for documentation and checks.</summary>
    public static IReadOnlyList<string> ColumnsOf(string certificate) => new FhirCertificateSource("-", certificate)._columns;

    public string SourceName { get; }

    public IReadOnlyList<string> Columns => _columns;

    public (long Position, long Length) Progress => (_length, _length);

    public IEnumerable<SourceRow> ReadRows(long afterLine)
    {
        FhirBundleContent content;
        using (var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            _length = stream.Length;
            content = new FhirBundleReader().ReadContent(stream, SourceName);
        }
        var issuedAt = content.IssuedAt is { } at ? Iso(at) : "";
        var issuedDate = content.IssuedAt is { } d ? d.ToOffset(ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        foreach (var item in content.Items)
        {
            SourceRow row;
            if (item is FhirRejection rejection)
                row = new SourceRow(rejection.Entry ?? 1, [], Describe(rejection));
            else if (item.GetType() == _recordType)
                row = new SourceRow(EntryOf(item), [.. _properties.Select(p => Text(p.GetValue(item))), issuedAt, issuedDate]);
            else
                continue;
            if (row.Line > afterLine) yield return row;
        }
    }

    private static int EntryOf(FhirReadItem item) => item switch
    {
        BirthCertificateRecord b => b.Entry,
        DeathCertificateRecord d => d.Entry,
        _ => 1,
    };

    private static string Describe(FhirRejection r)
    {
        var where = r.Entry is null ? "whole file" : $"{r.ResourceType ?? "entry"}{(r.Field is null ? "" : $" ({r.Field})")}";
        return $"FHIR {where}: {MaskIds(r.Reason)}";
    }

    /// <summary>Rejection reasons quote resident IDs; dead letters must not carry them in clear.</summary>
    private static string MaskIds(string text) => ResidentIdLike().Replace(text, m => PersonalDataMask.ResidentId(m.Value));

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => Iso(instant),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")]
    private static partial Regex ResidentIdLike();

    public void Dispose() { }
}
