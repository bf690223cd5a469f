using System.Globalization;
using Avro;

namespace DataHub.Connectors.Mapping;

/// <summary>
/// Turns a validated text value into the .NET value Apache.Avro's generic writer expects for a field's
/// type: string, int, long, double, bool, DateTime for the date and timestamp logical types, and
/// AvroDecimal for decimals. Returns null and an error when the text does not convert.
/// </summary>
public sealed class ValueConverter
{
    private static readonly string[] DefaultDateFormats = ["yyyyMMdd", "yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd"];
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly Func<string, (object? Value, string? Error)> _convert;

    public ValueConverter(Schema fieldSchema, IReadOnlyList<string>? dateFormats)
    {
        IsNullable = fieldSchema is UnionSchema u && u.Schemas.Any(s => s.Tag == Schema.Type.Null);
        BaseSchema = fieldSchema is UnionSchema union ? union.Schemas.First(s => s.Tag != Schema.Type.Null) : fieldSchema;
        var formats = dateFormats is { Count: > 0 } ? dateFormats.ToArray() : DefaultDateFormats;
        IsDate = BaseSchema is LogicalSchema { LogicalTypeName: "date" };
        _convert = BaseSchema switch
        {
            LogicalSchema { LogicalTypeName: "date" } => DateParser(formats),
            LogicalSchema { LogicalTypeName: "timestamp-millis" or "timestamp-micros" } => text => ParseTimestamp(text),
            LogicalSchema { LogicalTypeName: "decimal" } logical => DecimalParser(logical),
            PrimitiveSchema { Tag: Schema.Type.String } => text => (text, null),
            PrimitiveSchema { Tag: Schema.Type.Int } => text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? (i, null) : (null, $"'{text}' is not a whole number"),
            PrimitiveSchema { Tag: Schema.Type.Long } => text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? (l, null) : (null, $"'{text}' is not a whole number"),
            PrimitiveSchema { Tag: Schema.Type.Double or Schema.Type.Float } => text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (BaseSchema.Tag == Schema.Type.Float ? (float)d : d, null) : (null, $"'{text}' is not a number"),
            PrimitiveSchema { Tag: Schema.Type.Boolean } => ParseBoolean,
            _ => throw new NotSupportedException($"Avro type {BaseSchema.Fullname} cannot be mapped from text"),
        };
    }

    public Schema BaseSchema { get; }
    public bool IsNullable { get; }
    public bool IsDate { get; }

    public (object? Value, string? Error) Convert(string text) => _convert(text);

    private static Func<string, (object?, string?)> DateParser(string[] formats)
    {
        var numeric = new NumericDateFormats(formats);
        return text => numeric.TryParse(text, out var date) || DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? (date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), null)
            : (null, $"'{text}' is not a real date ({string.Join(", ", formats)})");
    }

    private static (object?, string?) ParseTimestamp(string text)
    {
        // Department systems usually send local China time without an offset: read it as UTC+8.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withOffset)
            && (text.Contains('+') || text.EndsWith('Z') || text.LastIndexOf('-') > 9))
            return (withOffset.UtcDateTime, null);
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
            return (new DateTimeOffset(local, ChinaOffset).UtcDateTime, null);
        return (null, $"'{text}' is not a date and time");
    }

    private static Func<string, (object?, string?)> DecimalParser(LogicalSchema logical)
    {
        var scale = logical.GetProperty("scale") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 0;
        var factor = (decimal)Math.Pow(10, scale);
        return text =>
        {
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                return (null, $"'{text}' is not a decimal number");
            if (Math.Round(value, scale) != value) return (null, $"'{text}' has more than {scale} decimal places");
            var unscaled = value * factor;
            var integer = unscaled is >= long.MinValue and <= long.MaxValue ? new System.Numerics.BigInteger((long)unscaled) : new System.Numerics.BigInteger(unscaled);
            return (new AvroDecimal(integer, scale), null);
        };
    }

    private static (object?, string?) ParseBoolean(string text) => text.ToLowerInvariant() switch
    {
        "1" or "true" or "y" or "yes" or "是" => (true, null),
        "0" or "false" or "n" or "no" or "否" => (false, null),
        _ => (null, $"'{text}' is not yes/no (1/0, true/false, 是/否)"),
    };
}
