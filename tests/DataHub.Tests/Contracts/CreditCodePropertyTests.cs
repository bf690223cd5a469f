using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataHub.Tests.Contracts;

/// <summary>
/// Unified social credit codes. No class of single substitution is undetectable: a substitution at
/// position i changes the weighted sum by w_i * (b - a) with w_i = 3^i mod 31 in 1..30 and b - a in
/// ±1..30; 31 is prime, so the product is never 0 mod 31 and the check character changes. Changing the
/// check character itself is caught because each sum has exactly one check character; characters outside
/// the alphabet (I O S V Z) are rejected outright. (Lowercase letters are upper-cased first, so
/// 'a' for 'A' is a normalisation, not a substitution, and is not tested here as one.)
/// </summary>
public class CreditCodePropertyTests
{
    private const string SubstitutionAlphabet = IdOracle.CreditAlphabet + "IOSVZ";

    [Property(MaxTest = 500)]
    public Property Random_valid_codes_pass() =>
        Prop.ForAll(IdGenerators.CreditCodes(), code =>
        {
            var check = CreditCode.Check(code);
            return check.IsValid && check.Normalized == code;
        });

    [Property(MaxTest = 300)]
    public Property Every_single_character_substitution_fails() =>
        Prop.ForAll(IdGenerators.CreditCodes(), code =>
            IdOracle.SingleSubstitutions(code, SubstitutionAlphabet).All(m => !CreditCode.Check(m.Mutated).IsValid));

    [Fact]
    public void Mod_31_detects_every_single_substitution_for_arithmetic_reasons()
    {
        for (var i = 0; i < 17; i++)
        {
            Assert.Equal(IdOracle.CreditWeights[i], (int)(BigPow(3, i) % 31));
            for (var a = 0; a < 31; a++)
                for (var b = 0; b < 31; b++)
                    if (a != b) Assert.NotEqual(0, IdOracle.CreditWeights[i] * (b - a) % 31);
        }

        static long BigPow(long x, int n) => n == 0 ? 1 : x * BigPow(x, n - 1);
    }

    [Fact]
    public void The_alphabet_leaves_out_I_O_S_V_Z()
    {
        Assert.Equal(31, CreditCode.Alphabet.Length);
        Assert.Equal(IdOracle.CreditAlphabet, CreditCode.Alphabet);
        foreach (var c in "IOSVZ") Assert.Equal(-1, CreditCode.ValueOf(c));
    }

    [Fact]
    public void A_check_value_of_31_becomes_0()
    {
        // Seventeen zeros weigh 0, so c = 31 - 0 = 31, which must map to '0'; one more 1 at the end moves it.
        var body = new string('0', 17);
        Assert.Equal(0, body.Select((c, i) => IdOracle.CreditAlphabet.IndexOf(c) * IdOracle.CreditWeights[i]).Sum() % 31);
        Assert.Equal('0', CreditCode.CheckCharacter(body));
        Assert.True(CreditCode.Check(body + "0").IsValid);
        Assert.Equal(IdOracle.CreditAlphabet[31 - 28], CreditCode.CheckCharacter(new string('0', 16) + "1"));
    }

    [Fact]
    public void Lowercase_input_is_normalised_and_wrong_lengths_are_named()
    {
        var code = IdOracle.CreditCode("91320102MA1X" + "AB3C5");
        Assert.Equal(code, CreditCode.Check(code.ToLowerInvariant()).Normalized);
        Assert.Contains("18 characters", CreditCode.Check(code.AsSpan(0, 17)).Error);
    }

    [Fact]
    public void The_embedded_division_is_checked_when_asked()
    {
        var real = IdOracle.CreditCode("91" + "320102" + "MA1XAB3C5");
        var unreal = IdOracle.CreditCode("91" + "329999" + "MA1XAB3C5");
        Assert.True(CreditCode.Check(real, DivisionTable.Default.Contains).IsValid);
        Assert.True(CreditCode.Check(unreal).IsValid);
        Assert.Contains("329999", CreditCode.Check(unreal, DivisionTable.Default.Contains).Error);
    }
}
