namespace DataHub.Schemas.Identity;

/// <summary>What kind of person ID a valid resident ID is.</summary>
public enum ResidentIdKind
{
    Mainland,
    HongKongMacauTaiwanPermit,
    ForeignPermanentResident,
}

/// <summary>The outcome of checking one resident ID: the normalised 18-character form, or why it failed.</summary>
public readonly record struct ResidentIdCheck(bool IsValid, string? Normalized, ResidentIdKind Kind, string? Error)
{
    public static ResidentIdCheck Fail(string error) => new(false, null, default, error);
}

/// <summary>
/// Resident identity numbers (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit birth date,
/// 3-digit sequence, ISO 7064 MOD 11-2 check character. Also upgrades the old 15-digit form.
/// </summary>
public static partial class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>The check character for the first 17 digits, or '\0' when they are not all digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length < 17) return '\0';
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = first17[i] - '0';
            if ((uint)d > 9) return '\0';
            sum += d * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>
    /// Checks an 18- or 15-character ID. <paramref name="isKnownDivision"/> decides whether the address
    /// code is a real GB/T 2260 division (pass null to skip that check).
    /// </summary>
    public static ResidentIdCheck Check(ReadOnlySpan<char> raw, Func<string, bool>? isKnownDivision = null)
    {
        var id = raw.Trim();
        if (id.Length == 15) return CheckLegacy(id, isKnownDivision);
        if (id.Length != 18) return ResidentIdCheck.Fail($"must have 18 characters (or 15 in the old form), has {id.Length}");
        for (var i = 0; i < 17; i++)
            if ((uint)(id[i] - '0') > 9) return ResidentIdCheck.Fail($"character {i + 1} '{id[i]}' is not a digit");
        var last = char.ToUpperInvariant(id[17]);
        var expected = CheckCharacter(id);
        if (last != expected) return ResidentIdCheck.Fail($"check character is '{id[17]}', expected '{expected}'");
        if (!TryBirthDate(id.Slice(6, 8), out _)) return ResidentIdCheck.Fail($"birth date '{id.Slice(6, 8)}' is not a real date");

        var kind = KindOf(id);
        if (kind == ResidentIdKind.Mainland && isKnownDivision is not null)
        {
            var division = id[..6].ToString();
            if (!isKnownDivision(division)) return ResidentIdCheck.Fail($"address code {division} is not a GB/T 2260 division");
        }
        var normalized = last == id[17] ? id.ToString() : string.Concat(id[..17], "X");
        return new ResidentIdCheck(true, normalized, kind, null);
    }

    /// <summary>Upgrades a 15-digit ID (YYMMDD birth, no check) to 18 characters: insert "19", add the check.</summary>
    public static string UpgradeLegacy(ReadOnlySpan<char> id15)
    {
        Span<char> buf = stackalloc char[18];
        id15[..6].CopyTo(buf);
        buf[6] = '1'; buf[7] = '9';
        id15[6..].CopyTo(buf[8..]);
        buf[17] = CheckCharacter(buf);
        return new string(buf);
    }

    private static ResidentIdCheck CheckLegacy(ReadOnlySpan<char> id, Func<string, bool>? isKnownDivision)
    {
        foreach (var c in id)
            if ((uint)(c - '0') > 9) return ResidentIdCheck.Fail("the 15-character form must be all digits");
        var upgraded = UpgradeLegacy(id);
        var check = Check(upgraded, isKnownDivision);
        return check.IsValid ? check : ResidentIdCheck.Fail($"15-digit ID: {check.Error}");
    }

    private static ResidentIdKind KindOf(ReadOnlySpan<char> id) => id switch
    {
        ['9', ..] => ResidentIdKind.ForeignPermanentResident,
        ['8', '1' or '2' or '3', '0', '0', '0', '0', ..] => ResidentIdKind.HongKongMacauTaiwanPermit,
        _ => ResidentIdKind.Mainland,
    };

    /// <summary>Parses a YYYYMMDD birth date.</summary>
    public static bool TryBirthDate(ReadOnlySpan<char> yyyymmdd, out DateOnly date)
    {
        date = default;
        if (yyyymmdd.Length != 8 || !int.TryParse(yyyymmdd[..4], out var y) || !int.TryParse(yyyymmdd.Slice(4, 2), out var m)
            || !int.TryParse(yyyymmdd.Slice(6, 2), out var d)) return false;
        if (y < 1850 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>The birth date embedded in a valid normalised 18-character ID.</summary>
    public static DateOnly BirthDateOf(string id18) =>
        TryBirthDate(id18.AsSpan(6, 8), out var d) ? d : throw new FormatException($"no valid birth date in ID");

    /// <summary>Sex from the sequence digit (odd: male "1", even: female "2", GB/T 2261.1 codes).</summary>
    public static string SexCodeOf(string id18) => (id18[16] - '0') % 2 == 1 ? "1" : "2";

    /// <summary>
    /// Packs the first 17 digits of a valid ID into a 64-bit key (they fit in 57 bits); the check
    /// character is derived again by <see cref="Unpack"/>.
    /// </summary>
    public static long Pack(ReadOnlySpan<char> id18)
    {
        long v = 0;
        for (var i = 0; i < 17; i++) v = v * 10 + (id18[i] - '0');
        return v;
    }

    public static string Unpack(long key)
    {
        Span<char> buf = stackalloc char[18];
        for (var i = 16; i >= 0; i--) { buf[i] = (char)('0' + key % 10); key /= 10; }
        buf[17] = CheckCharacter(buf);
        return new string(buf);
    }
}
