using DataHub.Schemas.Reference;
using FsCheck;
using FsCheck.Fluent;

namespace DataHub.Tests.Contracts;

/// <summary>FsCheck generators of valid identifiers, built with <see cref="IdOracle"/>.</summary>
internal static class IdGenerators
{
    private static readonly string[] MainlandDivisions =
        DivisionTable.Default.All.Select(d => d.Code).Where(c => c[0] is not ('8' or '9')).ToArray();

    public static readonly DateOnly FirstBirth = new(1900, 1, 1);
    public static readonly DateOnly LastBirth = new(2025, 12, 31);

    public static Gen<DateOnly> BirthDate(DateOnly from, DateOnly to) =>
        Gen.Choose(0, to.DayNumber - from.DayNumber).Select(d => from.AddDays(d));

    public static Gen<string> ResidentId(Gen<string> address) =>
        from a in address
        from birth in BirthDate(FirstBirth, LastBirth)
        from seq in Gen.Choose(0, 999)
        select IdOracle.ResidentId(a, birth, seq);

    /// <summary>Valid mainland IDs with a real GB/T 2260 address code.</summary>
    public static Arbitrary<string> MainlandIds() => ResidentId(Gen.Elements(MainlandDivisions)).ToArbitrary();

    public static Arbitrary<string> PermitIds() => ResidentId(Gen.Elements("810000", "820000", "830000")).ToArbitrary();

    public static Arbitrary<string> ForeignIds() =>
        ResidentId(Gen.Choose(0, 99_999).Select(n => "9" + n.ToString("D5"))).ToArbitrary();

    /// <summary>15-digit IDs (born 1900-1999) with their 18-digit form, built here independently.</summary>
    public static Arbitrary<(string Id15, string Id18)> LegacyIds() =>
        (from a in Gen.Elements(MainlandDivisions)
         from birth in BirthDate(new DateOnly(1900, 1, 1), new DateOnly(1999, 12, 31))
         from seq in Gen.Choose(0, 999)
         let id15 = $"{a}{birth:yyMMdd}{seq:D3}"
         let first17 = $"{a}19{birth:yyMMdd}{seq:D3}"
         select (id15, first17 + IdOracle.ResidentCheck(first17))).ToArbitrary();

    public static Arbitrary<string> CreditCodes() =>
        Gen.Elements(IdOracle.CreditAlphabet.ToCharArray()).ArrayOf(17)
            .Select(cs => IdOracle.CreditCode(new string(cs))).ToArbitrary();
}
