using System.Numerics;
using DataHub.Schemas.Reference;

namespace DataHub.Schemas.Identity;

/// <summary>
/// The allocation-free fast path: validate an 18-character ID and pack it into its 64-bit key in one
/// pass. It accepts exactly what <see cref="Check"/> accepts for an 18-character ID without surrounding
/// spaces (digits, check character with 'x' or 'X', a real birth date from 1850 on); 15-digit IDs and
/// padded input are not handled here (use <see cref="Check"/> and <see cref="UpgradeLegacy"/>).
/// </summary>
public static partial class ResidentId
{
    private static ReadOnlySpan<byte> FastWeights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static ReadOnlySpan<byte> FastCheckChars => "10X98765432"u8;

    /// <summary>Validates an 18-byte ASCII ID and packs its first 17 digits; false (key 0) when invalid.</summary>
    public static bool TryPack(ReadOnlySpan<byte> ascii, out long key) => TryPackCore(ascii, null, out key);

    /// <summary>Validates an 18-character ID and packs its first 17 digits; false (key 0) when invalid.</summary>
    public static bool TryPack(ReadOnlySpan<char> id, out long key) => TryPackCore(id, null, out key);

    /// <summary>
    /// As <see cref="TryPack(ReadOnlySpan{byte}, out long)"/>, and a mainland ID's address code must be
    /// a division in <paramref name="divisions"/> (as <see cref="Check"/> with a division lookup).
    /// </summary>
    public static bool TryPack(ReadOnlySpan<byte> ascii, DivisionTable divisions, out long key) =>
        TryPackCore(ascii, divisions, out key);

    /// <inheritdoc cref="TryPack(ReadOnlySpan{byte}, DivisionTable, out long)"/>
    public static bool TryPack(ReadOnlySpan<char> id, DivisionTable divisions, out long key) =>
        TryPackCore(id, divisions, out key);

    private static bool TryPackCore<T>(ReadOnlySpan<T> s, DivisionTable? divisions, out long key)
        where T : unmanaged, IBinaryInteger<T>
    {
        key = 0;
        if (s.Length != 18) return false;
        var weights = FastWeights;
        long v = 0;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = uint.CreateTruncating(s[i]) - '0';
            if (d > 9) return false;
            v = v * 10 + d;
            sum += (int)d * weights[i];
        }
        var last = uint.CreateTruncating(s[17]);
        if (last == 'x') last = 'X';
        if (last != FastCheckChars[sum % 11]) return false;

        // v holds the 17 digits: address(6) birth(8) sequence(3).
        var birth = (int)(v / 1000 % 100_000_000);
        int y = birth / 10_000, m = birth / 100 % 100, day = birth % 100;
        if (y < 1850 || (uint)(m - 1) > 11 || day < 1) return false;
        var days = m == 2
            ? ((y & 3) == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28)
            : 30 + ((m ^ (m >> 3)) & 1);
        if (day > days) return false;

        if (divisions is not null)
        {
            var address = (int)(v / 100_000_000_000);
            var mainland = address < 900_000 && address is not (810000 or 820000 or 830000);
            if (mainland && !divisions.Contains(address)) return false;
        }
        key = v;
        return true;
    }
}
