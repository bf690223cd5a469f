namespace DataHub.Schemas.Identity;

/// <summary>The outcome of checking one unified social credit code: the normalised form, or why it failed.</summary>
public readonly record struct CreditCodeCheck(bool IsValid, string? Normalized, string? Error)
{
    public static CreditCodeCheck Fail(string error) => new(false, null, error);
}

/// <summary>
/// Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters over the 31-character
/// alphabet <c>0-9 A-H J-N P-R T-U W-Y</c> (no I O Z S V). Characters 3-8 are the registering
/// authority's GB/T 2260 division; the 18th is a check character: weights
/// <c>1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28</c> (3^i mod 31), <c>c = 31 - sum mod 31</c>
/// (31 becomes 0), as an index into the alphabet.
/// </summary>
public static class CreditCode
{
    /// <summary>The code alphabet; a character's value is its index.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The value (0..30) of a code character, or -1 when it is not in the alphabet (case-sensitive).</summary>
    public static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        _ => c is >= 'A' and <= 'Y' ? Alphabet.IndexOf(c, 10) : -1,
    };

    /// <summary>The check character for the first 17 characters, or '\0' when one is outside the alphabet.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length < 17) return '\0';
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = ValueOf(first17[i]);
            if (v < 0) return '\0';
            sum += v * Weights[i];
        }
        var c = 31 - sum % 31;
        return Alphabet[c == 31 ? 0 : c];
    }

    /// <summary>
    /// Checks an 18-character code (surrounding spaces ignored, lowercase letters upper-cased).
    /// <paramref name="isKnownDivision"/> decides whether characters 3-8 are a real GB/T 2260 division
    /// (pass null to skip that check).
    /// </summary>
    public static CreditCodeCheck Check(ReadOnlySpan<char> raw, Func<string, bool>? isKnownDivision = null)
    {
        var trimmed = raw.Trim();
        if (trimmed.Length != 18) return CreditCodeCheck.Fail($"unified social credit code must have 18 characters, has {trimmed.Length}");
        Span<char> code = stackalloc char[18];
        trimmed.ToUpperInvariant(code);
        for (var i = 0; i < 18; i++)
            if (ValueOf(code[i]) < 0)
                return CreditCodeCheck.Fail($"character {i + 1} '{trimmed[i]}' is not in the credit-code alphabet (0-9, A-Y without I O S V Z)");
        var expected = CheckCharacter(code);
        if (code[17] != expected) return CreditCodeCheck.Fail($"check character is '{trimmed[17]}', expected '{expected}'");
        if (isKnownDivision is not null)
        {
            var division = code.Slice(2, 6).ToString();
            if (!isKnownDivision(division)) return CreditCodeCheck.Fail($"division code {division} (characters 3-8) is not a GB/T 2260 division");
        }
        return new CreditCodeCheck(true, code.ToString(), null);
    }

    public static bool IsValid(ReadOnlySpan<char> code) => Check(code).IsValid;
}
