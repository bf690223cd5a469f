using System.Text.RegularExpressions;

namespace DataHub.Connectors.Fhir;

/// <summary>Formats of the certificate and institution numbers the profiles carry.</summary>
internal static partial class IdentifierFormats
{
    /// <summary>Birth certificate number: one uppercase letter and 9 digits.</summary>
    public static bool IsBirthCertificateNumber(string value) => BirthCertificate().IsMatch(value);

    /// <summary>定点医疗机构代码: H + 6-digit division + 5 digits; the division must be a real one.</summary>
    public static string? InstitutionCodeError(string value, Func<string, bool> isKnownDivision)
    {
        if (!InstitutionCode().IsMatch(value)) return $"institution code '{value}' is not H + 6-digit division + 5 digits";
        return isKnownDivision(value.Substring(1, 6)) ? null : $"institution code '{value}' embeds unknown division {value.Substring(1, 6)}";
    }

    [GeneratedRegex(@"^[A-Z]\d{9}$")]
    private static partial Regex BirthCertificate();

    [GeneratedRegex(@"^H\d{11}$")]
    private static partial Regex InstitutionCode();
}
