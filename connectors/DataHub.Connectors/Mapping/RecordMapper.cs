using Avro;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Sources;
using DataHub.Connectors.Validation;
using DataHub.Schemas.Avro;

namespace DataHub.Connectors.Mapping;

/// <summary>
/// Maps the rows of one source onto the feed's target Avro record: picks each field's column, trims,
/// translates codes, applies the field's rules and converts to the Avro type. Compiled once per source
/// (column positions resolved from its header), then called per row without reflection.
/// </summary>
public sealed class RecordMapper
{
    private readonly FieldPlan[] _plans;
    private readonly int _keyPosition;
    private readonly int _fieldCount;
    private readonly (FieldPlan Plan, int OtherPosition, string OtherField)[] _notBefore;

    private RecordMapper(FieldPlan[] plans, int keyPosition, int fieldCount, (FieldPlan, int, string)[] notBefore)
    {
        _plans = plans;
        _notBefore = notBefore;
        _keyPosition = keyPosition;
        _fieldCount = fieldCount;
    }

    /// <param name="codeTables">Loaded code tables that <c>code:</c> rules check existence against (optional).</param>
    public static RecordMapper Compile(FeedDefinition feed, RecordSchema schema, IReadOnlyList<string> columns, string sourceName,
        CodeTableRegistry? codeTables = null)
    {
        var problems = new List<string>();
        var missing = new List<string>(); // columns the header lacks: reported on line 1, the header's
        var plans = new List<FieldPlan>();
        foreach (var field in schema.Fields)
        {
            if (field.Pos == 0 && OriginField.LeadsOff(schema)) continue; // the hub writes the origin, not the mapping
            feed.Fields.TryGetValue(field.Name, out var definition);
            var column = -1;
            if (definition?.Column is { } name)
            {
                column = IndexOf(columns, name);
                if (column < 0) missing.Add($"column '{name}' for field '{field.Name}' is not in the file (columns: {string.Join(", ", columns)})");
            }
            var fallback = -1;
            if (definition?.Fallback is { } fallbackName)
            {
                fallback = IndexOf(columns, fallbackName);
                if (fallback < 0) missing.Add($"fallback column '{fallbackName}' for field '{field.Name}' is not in the file (columns: {string.Join(", ", columns)})");
            }
            var rules = (definition?.Rules ?? []).Select(w => FieldRule.Parse(w, out _, codeTables)).OfType<FieldRule>().ToList();
            plans.Add(new FieldPlan
            {
                Field = field.Name,
                Position = field.Pos,
                Column = column,
                Fallback = fallback,
                Constant = definition?.Const,
                Trim = definition?.Trim ?? true,
                Upper = definition?.Upper ?? false,
                Map = definition?.Map,
                Required = rules.Any(r => r is RequiredRule),
                Rules = rules.Where(r => r is not RequiredRule and not PastDateRule and not NotBeforeRule).ToArray(),
                PastDate = rules.Any(r => r is PastDateRule),
                Converter = new ValueConverter(field.Schema, definition?.Date),
                Personal = (definition?.Personal ?? false) || rules.Any(r => r.IsPersonal),
                Default = field.DefaultValue is null ? null : field.DefaultValue.Type == Newtonsoft.Json.Linq.JTokenType.Null ? null : field.DefaultValue.ToObject<object>(),
            });
        }
        var notBefore = new List<(FieldPlan, int, string)>();
        foreach (var plan in plans)
            foreach (var rule in (feed.Fields.GetValueOrDefault(plan.Field)?.Rules ?? []).Select(w => FieldRule.Parse(w, out _)).OfType<NotBeforeRule>())
            {
                if (schema.Fields.FirstOrDefault(f => f.Name == rule.OtherField) is { } other) notBefore.Add((plan, other.Pos, other.Name));
                else problems.Add($"rule notBefore:{rule.OtherField} of field '{plan.Field}' names no field of the target schema");
            }
        if (problems.Count > 0 || missing.Count > 0)
            throw new FeedDefinitionException([
                .. missing.Select(p => new DefinitionError(sourceName, columns.Count > 0 ? 1 : 0, p)),
                .. problems.Select(p => new DefinitionError(sourceName, 0, p))]);
        var key = schema.Fields.FirstOrDefault(f => f.Name == feed.Target.Key)?.Pos ?? -1;
        return new RecordMapper(plans.ToArray(), key, schema.Count, notBefore.ToArray());
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        // Files without a header name their columns by 1-based number.
        return columns.Count == 0 && int.TryParse(name, out var n) && n > 0 ? n - 1 : -1;
    }

    /// <summary>The target fields in schema order, with whether each is personal data.</summary>
    public IReadOnlyList<(string Field, bool Personal)> Fields => _plans.Select(p => (p.Field, p.Personal)).ToArray();

    /// <summary>A value of the field as logs and reports may show it (masked when the field is personal).</summary>
    public string? Mask(string field, string? value) => _plans.FirstOrDefault(p => p.Field == field)?.Mask(value) ?? value;

    private static string? FieldAt(SourceRow row, int column) => column < row.Fields.Length ? row.Fields[column] : null;

    public MappingResult Map(SourceRow row)
    {
        if (row.Problem is not null) return MappingResult.Rejected(new FieldError(null, null, row.Problem));
        var values = new object?[_fieldCount];
        foreach (var plan in _plans)
        {
            var text = plan.Column >= 0 ? FieldAt(row, plan.Column) : plan.Constant;
            if (plan.Fallback >= 0 && string.IsNullOrWhiteSpace(text)) text = FieldAt(row, plan.Fallback);
            if (text is not null && plan.Trim) text = text.Trim();
            if (text is not null && plan.Upper) text = text.ToUpperInvariant();
            if (text is not null && plan.Map is not null && plan.Map.TryGetValue(text, out var mapped)) text = mapped;
            if (string.IsNullOrEmpty(text))
            {
                if (plan.Required || (!plan.Converter.IsNullable && plan.Default is null))
                    return MappingResult.Rejected(new FieldError(plan.Field, null, "is required but empty"));
                values[plan.Position] = plan.Default;
                continue;
            }
            foreach (var rule in plan.Rules)
            {
                var error = rule.Check(ref text);
                if (error is not null) return MappingResult.Rejected(new FieldError(plan.Field, plan.Mask(text), error));
            }
            var (value, conversionError) = plan.Converter.Convert(text);
            if (conversionError is not null)
                return MappingResult.Rejected(new FieldError(plan.Field, plan.Mask(text), conversionError));
            if (plan.PastDate && value is DateTime when && when > DateTime.UtcNow.AddDays(1))
                return MappingResult.Rejected(new FieldError(plan.Field, plan.Mask(text), $"date {text} is in the future"));
            values[plan.Position] = value;
        }
        foreach (var (plan, otherPosition, otherField) in _notBefore)
            if (values[plan.Position] is DateTime when && values[otherPosition] is DateTime other && when < other)
                return MappingResult.Rejected(new FieldError(plan.Field, when.ToString("yyyy-MM-dd"),
                    $"date {when:yyyy-MM-dd} is before {otherField} {other:yyyy-MM-dd}"));
        var key = _keyPosition >= 0 ? values[_keyPosition]?.ToString() : null;
        return new MappingResult(key, values, null);
    }
}
