namespace DataHub.Connectors.Mapping;

/// <summary>Why a record was rejected: the field at fault (if any), its value (already masked when personal) and the reason.</summary>
public sealed record FieldError(string? Field, string? Value, string Reason);

/// <summary>A mapped record: its Kafka key and its values in the target schema's field order; or the error.</summary>
public readonly record struct MappingResult(string? Key, object?[]? Values, FieldError? Error)
{
    public bool IsValid => Error is null;
    public static MappingResult Rejected(FieldError error) => new(null, null, error);
}
