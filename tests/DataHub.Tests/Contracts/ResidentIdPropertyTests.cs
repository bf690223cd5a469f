using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataHub.Tests.Contracts;

public class ResidentIdPropertyTests
{
    private static readonly Func<string, bool> KnownDivision = DivisionTable.Default.Contains;
    private const string IdAlphabet = "0123456789X";

    [Property(MaxTest = 500)]
    public Property Random_valid_mainland_ids_pass_with_the_division_check() =>
        Prop.ForAll(IdGenerators.MainlandIds(), id =>
        {
            var check = ResidentId.Check(id, KnownDivision);
            return check.IsValid && check.Normalized == id && check.Kind == ResidentIdKind.Mainland;
        });

    [Property(MaxTest = 300)]
    public Property Every_single_character_substitution_of_a_valid_id_fails() =>
        Prop.ForAll(IdGenerators.MainlandIds(), id =>
            IdOracle.SingleSubstitutions(id, IdAlphabet).All(m => !ResidentId.Check(m.Mutated).IsValid));

    [Fact]
    public void Mod_11_2_detects_every_single_substitution_for_arithmetic_reasons()
    {
        // A substitution at digit i changes the sum by w_i * (b - a); with w_i in 1..10 and |b - a| in 1..9
        // that is never 0 mod 11 (11 is prime), so the check character always changes.
        for (var i = 0; i < 17; i++)
            for (var a = 0; a <= 9; a++)
                for (var b = 0; b <= 9; b++)
                    if (a != b) Assert.NotEqual(0, IdOracle.ResidentWeights[i] * (b - a) % 11);
    }

    [Property(MaxTest = 500)]
    public Property Legacy_15_digit_ids_upgrade_to_the_18_digit_id_built_independently() =>
        Prop.ForAll(IdGenerators.LegacyIds(), pair =>
        {
            var check = ResidentId.Check(pair.Id15, KnownDivision);
            return check.IsValid && check.Normalized == pair.Id18 && ResidentId.UpgradeLegacy(pair.Id15) == pair.Id18;
        });

    [Property(MaxTest = 300)]
    public Property Hong_Kong_Macau_Taiwan_permits_are_valid_permits_even_with_the_division_check() =>
        Prop.ForAll(IdGenerators.PermitIds(), id =>
        {
            var check = ResidentId.Check(id, KnownDivision);
            return check.IsValid && check.Kind == ResidentIdKind.HongKongMacauTaiwanPermit;
        });

    [Property(MaxTest = 300)]
    public Property Foreign_permanent_resident_ids_are_valid_with_their_kind() =>
        Prop.ForAll(IdGenerators.ForeignIds(), id =>
        {
            var check = ResidentId.Check(id, KnownDivision);
            return check.IsValid && check.Kind == ResidentIdKind.ForeignPermanentResident;
        });

    [Property(MaxTest = 500)]
    public Property Pack_is_the_17_digit_number_and_unpack_restores_the_id() =>
        Prop.ForAll(IdGenerators.MainlandIds(), id =>
        {
            var key = ResidentId.Pack(id);
            return key == long.Parse(id[..17]) && key < 1L << 57 && ResidentId.Unpack(key) == id;
        });

    [Fact]
    public void Lowercase_x_check_character_is_accepted_and_normalised()
    {
        var id = Enumerable.Range(0, 1000).Select(seq => IdOracle.ResidentId("320102", new DateOnly(1990, 5, 17), seq)).First(i => i[17] == 'X');
        var check = ResidentId.Check(id[..17] + "x");
        Assert.True(check.IsValid, check.Error);
        Assert.Equal(id, check.Normalized);
    }

    [Theory]
    [InlineData("19000229", false)] // 1900 is not a leap year
    [InlineData("20000229", true)]
    [InlineData("20230229", false)]
    [InlineData("20240229", true)]
    [InlineData("20241301", false)]
    [InlineData("20240431", false)]
    [InlineData("20240100", false)]
    public void Birth_dates_must_be_real_calendar_dates(string yyyymmdd, bool valid)
    {
        var first17 = "320102" + yyyymmdd + "123";
        var id = first17 + IdOracle.ResidentCheck(first17);
        Assert.Equal(valid, ResidentId.Check(id).IsValid);
    }
}
