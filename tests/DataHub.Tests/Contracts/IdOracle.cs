using System.Text;

namespace DataHub.Tests.Contracts;

/// <summary>
/// Independent implementations of the check characters, typed from DOMAIN.md, so that tests do not
/// compare the code under test with itself.
/// </summary>
internal static class IdOracle
{
    // GB 11643-1999, ISO 7064 MOD 11-2.
    public static readonly int[] ResidentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    public const string ResidentCheckChars = "10X98765432";

    public static char ResidentCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * ResidentWeights[i];
        return ResidentCheckChars[sum % 11];
    }

    public static string ResidentId(string address6, DateOnly birth, int sequence)
    {
        var first17 = $"{address6}{birth:yyyyMMdd}{sequence:D3}";
        return first17 + ResidentCheck(first17);
    }

    // GB 32100-2015.
    public const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static char CreditCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += CreditAlphabet.IndexOf(first17[i]) * CreditWeights[i];
        var c = 31 - sum % 31;
        return CreditAlphabet[c == 31 ? 0 : c];
    }

    public static string CreditCode(string first17) => first17 + CreditCheck(first17);

    /// <summary>All strings that differ from <paramref name="s"/> in exactly one position, over <paramref name="alphabet"/>.</summary>
    public static IEnumerable<(int Position, string Mutated)> SingleSubstitutions(string s, string alphabet)
    {
        for (var i = 0; i < s.Length; i++)
            foreach (var c in alphabet)
            {
                if (c == s[i]) continue;
                var sb = new StringBuilder(s) { [i] = c };
                yield return (i, sb.ToString());
            }
    }
}
