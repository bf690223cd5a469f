using System.Text.Json;
using System.Text.RegularExpressions;
using DataHub.Hub.Store.SqlServer;

namespace DataHub.Tests.Store;

/// <summary>A run's batch statements read their rows with OPENJSON paths: each path must be a property of the rows the store writes, or SQL Server reads NULL.</summary>
public sealed class GapCaseBatchRowsTests
{
    [Theory]
    [InlineData(nameof(GapCaseSql.InsertCases), "case")]
    [InlineData(nameof(GapCaseSql.UpdateCases), "case")]
    [InlineData(nameof(GapCaseSql.RecordChanges), "change")]
    public void Every_OPENJSON_path_of_a_batch_statement_is_a_property_of_its_rows(string statement, string rows)
    {
        var sql = (string)typeof(GapCaseSql).GetField(statement)!.GetRawConstantValue()!;
        var paths = Regex.Matches(sql, @"'\$\.(\w+)'").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(paths);
        object row = rows == "case"
            ? new GapCaseBatchRows.Case("GC-1", "320102199001011234", "deceased-enrolled", "2026", "320100", "new", "s", "[]", "id")
            : new GapCaseBatchRows.Change("GC-1", "engine", null, "new", "opened", null, "R1", "{}");
        var properties = JsonDocument.Parse(JsonSerializer.Serialize(row)).RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Subset(properties, paths);
    }
}
