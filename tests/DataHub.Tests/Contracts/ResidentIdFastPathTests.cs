using System.Text;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataHub.Tests.Contracts;

/// <summary><see cref="ResidentId.TryPack(ReadOnlySpan{byte}, out long)"/> agrees with <see cref="ResidentId.Check"/> on 18-character input.</summary>
public class ResidentIdFastPathTests
{
    private static readonly DivisionTable Divisions = DivisionTable.Default;

    /// <summary>Valid IDs, and IDs broken in one of the ways a real file breaks them.</summary>
    private static Arbitrary<string> MostlyBrokenIds()
    {
        var valid = Gen.OneOf(IdGenerators.MainlandIds().Generator, IdGenerators.PermitIds().Generator, IdGenerators.ForeignIds().Generator);
        var anyChar = Gen.Elements("0123456789Xx A/".ToCharArray());
        var twoDigits = Gen.Choose(0, 99).Select(n => n.ToString("D2"));
        return (from id in valid
                from how in Gen.Choose(0, 6)
                from pos in Gen.Choose(0, 17)
                from c in anyChar
                from dd in twoDigits
                from address in Gen.Choose(0, 999_999)
                select how switch
                {
                    0 => id,
                    1 => Replace(id, pos, c.ToString()),
                    2 => WithCheck(Replace(id, 10, dd)),   // month 00..99
                    3 => WithCheck(Replace(id, 12, dd)),   // day 00..99
                    4 => WithCheck(address.ToString("D6") + id[6..17]),
                    5 => WithCheck(id[..6] + (1845 + pos % 11) + id[10..17]), // years 1845..1855 around the 1850 floor
                    _ => id[..17] + (id[17] == 'X' ? "x" : id[17].ToString()),
                }).ToArbitrary();

        static string Replace(string s, int at, string with) => s[..at] + with + s[(at + with.Length)..];
        static string WithCheck(string s) => s[..17] + IdOracle.ResidentCheck(s[..17]);
    }

    [Property(MaxTest = 3000)]
    public Property Byte_and_char_fast_paths_agree_with_Check() =>
        Prop.ForAll(MostlyBrokenIds(), id =>
        {
            var expected = ResidentId.Check(id);
            var bytes = Encoding.ASCII.GetBytes(id);
            var okBytes = ResidentId.TryPack(bytes, out var keyBytes);
            var okChars = ResidentId.TryPack(id.AsSpan(), out var keyChars);
            var expectedKey = expected.IsValid ? ResidentId.Pack(expected.Normalized) : 0;
            return (okBytes == expected.IsValid && okChars == expected.IsValid && keyBytes == expectedKey && keyChars == expectedKey)
                .Label($"{id}: Check {expected.IsValid} ({expected.Error}), TryPack bytes {okBytes}, chars {okChars}");
        });

    [Property(MaxTest = 3000)]
    public Property Fast_path_with_divisions_agrees_with_Check_with_divisions() =>
        Prop.ForAll(MostlyBrokenIds(), id =>
        {
            var expected = ResidentId.Check(id, Divisions.Contains).IsValid;
            return (ResidentId.TryPack(Encoding.ASCII.GetBytes(id), Divisions, out _) == expected)
                .Label($"{id}: Check with divisions {expected}");
        });

    [Fact]
    public void The_broken_generator_produces_both_outcomes()
    {
        var sample = MostlyBrokenIds().Generator.Sample(2000);
        var valid = sample.Count(id => ResidentId.Check(id).IsValid);
        Assert.InRange(valid, 200, 1800);
    }

    [Theory]
    [InlineData("")]
    [InlineData("32010219900517123")]
    [InlineData("3201021990051712345")]
    [InlineData("320102900517123")] // 15-digit form: Check upgrades it, the fast path does not take it
    public void Other_lengths_are_rejected(string id) => Assert.False(ResidentId.TryPack(Encoding.ASCII.GetBytes(id), out _));

    [Fact]
    public void Division_bitmap_agrees_with_the_string_lookup()
    {
        for (var code = 0; code < 1_000_000; code++)
            if (Divisions.Contains(code) != Divisions.Contains(code.ToString("D6")))
                Assert.Fail($"{code:D6}");
        Assert.False(Divisions.Contains(-1));
        Assert.False(Divisions.Contains(1_000_000));
    }
}
