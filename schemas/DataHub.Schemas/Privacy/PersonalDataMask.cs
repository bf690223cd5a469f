namespace DataHub.Schemas.Privacy;

/// <summary>
/// Default masking of personal data in reports, logs and dead letters: resident IDs keep their
/// first 4 and last 4 characters (3201**********1234), names keep their first character (张*).
/// </summary>
public static class PersonalDataMask
{
    public static string ResidentId(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "";
        if (id.Length <= 8) return new string('*', id.Length);
        return string.Concat(id.AsSpan(0, 4), new string('*', id.Length - 8), id.AsSpan(id.Length - 4));
    }

    public static string Name(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var first = char.IsSurrogate(name[0]) && name.Length > 1 ? name[..2] : name[..1];
        return first + new string('*', Math.Max(1, name.Length - first.Length));
    }

    /// <summary>Masks any other personal value: first and last character kept for values of 4 or more.</summary>
    public static string Other(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.Length < 4 ? new string('*', value.Length) : $"{value[0]}{new string('*', value.Length - 2)}{value[^1]}";
    }
}
