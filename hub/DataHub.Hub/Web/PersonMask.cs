using DataHub.Schemas.Privacy;

namespace DataHub.Hub.Web;

/// <summary>
/// Masks a case's person text: an 18-character resident ID as <see cref="PersonalDataMask.ResidentId"/>; a stand-in
/// G:&lt;guardian ID&gt;:&lt;birth date&gt;:&lt;sex&gt;:&lt;name&gt; with the guardian's ID and the name masked; any other stand-in (BC:&lt;certificate&gt;) masked whole.
/// </summary>
public static class PersonMask
{
    public static string Mask(string person)
    {
        if (person.Length == 18 && !person.Contains(':')) return PersonalDataMask.ResidentId(person);
        var parts = person.Split(':');
        if (parts[0] == "G" && parts.Length >= 5)
            return $"G:{PersonalDataMask.ResidentId(parts[1])}:{parts[2]}:{parts[3]}:{PersonalDataMask.Name(string.Join(':', parts[4..]))}";
        return parts.Length > 1 ? $"{parts[0]}:{PersonalDataMask.Other(string.Join(':', parts[1..]))}" : PersonalDataMask.Other(person);
    }

    /// <summary>The unmasked identity for a reveal: the resident ID (or stand-in) and, when the stand-in carries one, the name.</summary>
    public static (string Id, string? Name) Reveal(string person)
    {
        var parts = person.Split(':');
        return parts[0] == "G" && parts.Length >= 5 ? (person, string.Join(':', parts[4..])) : (person, null);
    }
}
