using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using DataHub.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DataHub.Tests.Connectors;

/// <summary>A SQL table polled by its watermark column: each run publishes the rows added since the last one, none twice.</summary>
public class SqlSourceTests(EmbeddedHubFixture hub) : IClassFixture<EmbeddedHubFixture>
{
    private const string Topic = "mi.test.sql-membership.v1";

    [Fact]
    public async Task First_run_publishes_all_rows_later_runs_only_new_ones_and_nothing_twice()
    {
        var folder = hub.NewDirectory("sql");
        var database = Path.Combine(folder, "civil-affairs.db");
        var connectionString = $"Data Source={database}";
        Execute(connectionString, """
            CREATE TABLE assistance_roster (row_id INTEGER PRIMARY KEY, resident_id TEXT, name TEXT, grp TEXT, division TEXT, from_date TEXT);
            INSERT INTO assistance_roster VALUES (10, '360112198609131844', '周敏', 'minimum-living', '320102', '2024-03-01');
            INSERT INTO assistance_roster VALUES (11, '360102198704094444', '刘芳', 'extreme-poverty', '360102', '2023-11-20');
            INSERT INTO assistance_roster VALUES (12, '370811199006127150', '王强', 'minimum-living', '370811', '2024-05-06');
            """);
        var yaml = Path.Combine(folder, "roster.yaml");
        await File.WriteAllTextAsync(yaml, $$"""
            name: civil-affairs.roster-sql
            source:
              kind: sql
              provider: sqlite
              connectionString: "{{connectionString}}"
              table: assistance_roster
              watermark: row_id
              batchSize: 2
            target: { topic: {{Topic}}, schema: assistance/membership, key: residentId }
            fields:
              residentId:       { column: resident_id, rules: [required, residentId] }
              name:             { column: name, personal: true }
              group:            { column: grp, rules: [required] }
              division:         { column: division, rules: [required, division] }
              fromDate:         { column: from_date, rules: [required, pastDate] }
              sourceDepartment: { const: civil-affairs }
            """);
        hub.CreateTopic(Topic);
        var feed = FeedDefinitionLoader.Load(yaml);
        var runner = hub.NewFeedRunner();

        var first = await runner.RunAsync(feed, SourceFiles.Resolve(feed), "test");
        Execute(connectionString, """
            INSERT INTO assistance_roster VALUES (13, '370811199006127158', '孙磊', 'low-income', '370811', '2024-06-01');
            INSERT INTO assistance_roster VALUES (20, '320102199203150249', '李芳', 'orphan', '320102', '2025-01-02');
            """);
        var second = await runner.RunAsync(feed, SourceFiles.Resolve(feed), "test");
        var third = await runner.RunAsync(feed, SourceFiles.Resolve(feed), "test");

        Assert.Equal((3, 2, 1), (first.Read, first.Published, first.DeadLettered));
        Assert.Equal((2, 2, 0), (second.Read, second.Published, second.DeadLettered));
        Assert.Equal((0, 0, 0), (third.Read, third.Published, third.DeadLettered));
        var records = hub.ReadTopic(Topic);
        Assert.Equal([10L, 11L, 13L, 20L], records.Select(r => r.Origin!.Line).Order());
        Assert.Equal(4, records.Select(r => r.Key).Distinct().Count());
        var rejected = Assert.Single(await hub.Runtime.FeedState.DeadLettersAsync(feed.Name, 10));
        Assert.Equal((12L, "residentId", "sql:sqlite:assistance_roster"), (rejected.Line, rejected.Field!, rejected.Source));
        SqliteConnection.ClearAllPools();
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
