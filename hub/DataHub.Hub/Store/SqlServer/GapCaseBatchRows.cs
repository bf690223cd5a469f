using System.Text.Json.Serialization;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// The JSON rows a run's batch statements (<see cref="GapCaseSql.InsertCases"/>, <see cref="GapCaseSql.UpdateCases"/>,
/// <see cref="GapCaseSql.RecordChanges"/>) read with OPENJSON: each property name is a path the statements name ('$.id' …).
/// </summary>
public static class GapCaseBatchRows
{
    public sealed record Case(
        [property: JsonPropertyName("id")] string CaseId,
        [property: JsonPropertyName("person")] string Person,
        [property: JsonPropertyName("rule")] string Rule,
        [property: JsonPropertyName("period")] string Period,
        [property: JsonPropertyName("region")] string Region,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("summary")] string Summary,
        [property: JsonPropertyName("evidence")] string Evidence,
        [property: JsonPropertyName("matchedBy")] string MatchedBy);

    public sealed record Change(
        [property: JsonPropertyName("id")] string CaseId,
        [property: JsonPropertyName("by")] string By,
        [property: JsonPropertyName("from")] string? FromStatus,
        [property: JsonPropertyName("to")] string ToStatus,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("note")] string? Note,
        [property: JsonPropertyName("run")] string? RunId,
        [property: JsonPropertyName("event")] string Event);
}
