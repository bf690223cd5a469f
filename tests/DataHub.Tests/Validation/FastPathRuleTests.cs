using System.Globalization;
using Avro;
using DataHub.Connectors.Mapping;
using DataHub.Connectors.Validation;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Tests.Validation;

/// <summary>The mapper's fast paths accept and reject exactly what the general paths do, with the same values.</summary>
public class FastPathRuleTests
{
    private static readonly string[] Divisions = DivisionTable.Default.All.Select(d => d.Code).ToArray();

    [Fact]
    public void The_resident_id_rule_agrees_with_the_full_check_on_valid_corrupted_and_odd_ids()
    {
        var rule = new ResidentIdRule(DivisionTable.Default);
        var random = new Random(11);
        var checkedCount = 0;
        foreach (var id in Candidates(random).Take(20_000))
        {
            var value = id;
            var error = rule.Check(ref value);
            var expected = ResidentId.Check(id, DivisionTable.Default.Contains);
            Assert.True(expected.IsValid == (error is null), $"{id}: rule said {error ?? "valid"}, Check said {expected.Error ?? "valid"}");
            if (expected.IsValid) Assert.Equal(expected.Normalized, value);
            checkedCount++;
        }
        Assert.Equal(20_000, checkedCount);
    }

    private static IEnumerable<string> Candidates(Random random)
    {
        while (true)
        {
            var division = random.Next(10) == 0 ? random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) : Divisions[random.Next(Divisions.Length)];
            var birth = new DateOnly(1900, 1, 1).AddDays(random.Next(45_000));
            var first17 = $"{division}{birth:yyyyMMdd}{random.Next(1000):D3}";
            var id = first17 + ResidentId.CheckCharacter(first17);
            yield return id;
            yield return id.Replace('X', 'x');
            yield return id[..17] + (char)('0' + random.Next(10));          // a wrong check character, mostly
            yield return id[..6] + "1999" + "0230" + id[14..];               // an impossible birth date
            yield return id[..15];                                           // the old 15-digit form (or garbage)
        }
    }

    [Fact]
    public void The_division_rule_accepts_the_shipped_codes_only()
    {
        var rule = new DivisionRule(DivisionTable.Default);
        foreach (var code in new[] { "320100", "370800", "110101" })
        {
            var value = code;
            Assert.Null(rule.Check(ref value));
        }
        foreach (var code in new[] { "320199", "32010", "3201000", "32O100", "" })
        {
            var value = code;
            Assert.NotNull(rule.Check(ref value));
        }
    }

    [Fact]
    public void Numeric_dates_parse_exactly_as_the_format_parser_does()
    {
        string[] formats = ["yyyyMMdd", "yyyy-MM-dd", "yyyy/MM/dd"];
        var converter = new ValueConverter(Schema.Parse("""{"type":"int","logicalType":"date"}"""), formats);
        var random = new Random(5);
        for (var i = 0; i < 20_000; i++)
        {
            var text = RandomDateText(random);
            var expected = DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            var (value, error) = converter.Convert(text);
            Assert.True(expected == (error is null), $"'{text}': converter said {error ?? "valid"}, TryParseExact said {expected}");
            if (expected) Assert.Equal(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), value);
        }
    }

    private static string RandomDateText(Random random)
    {
        var year = random.Next(1, 10_000).ToString("D4", CultureInfo.InvariantCulture);
        var month = random.Next(0, 14).ToString("D2", CultureInfo.InvariantCulture);
        var day = random.Next(0, 33).ToString("D2", CultureInfo.InvariantCulture);
        var separator = "-/. x"[random.Next(5)].ToString();
        return random.Next(6) switch
        {
            0 => year + month + day,
            1 => year + separator + month + separator + day,
            2 => year + "-" + month + "/" + day,
            3 => (year + month + day)[..7] + "a",
            4 => " " + year + month + day,
            _ => year + separator + month + separator + day[..1],
        };
    }

    [Theory]
    [InlineData("1234.50", "123450")]
    [InlineData("-0.01", "-1")]
    [InlineData("99999999999999999.99", "9999999999999999999")]
    [InlineData("1,234.5", "123450")]
    public void Decimals_are_scaled_to_the_schema_scale(string text, string unscaled)
    {
        var converter = new ValueConverter(Schema.Parse("""{"type":"bytes","logicalType":"decimal","precision":20,"scale":2}"""), null);
        var (value, error) = converter.Convert(text);
        Assert.Null(error);
        var avro = Assert.IsType<global::Avro.AvroDecimal>(value);
        Assert.Equal((2, unscaled), (avro.Scale, avro.UnscaledValue.ToString(CultureInfo.InvariantCulture)));
        Assert.Contains("more than 2 decimal places", converter.Convert("1.005").Error);
    }
}
