using System.Diagnostics;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store;
using DataHub.Reconciliation.Engine;

namespace DataHub.Benchmarks;

/// <summary>
/// Fills gap_case with open cases straight through SQL: GapCaseStore.Apply keeps a run's whole diff in memory and
/// writes history and outbox rows, which is right for runs and far too slow for seeding a million rows.
/// The schema and the web app's indexes still come from the real stores (the indexes after the load: the seeding runs before the web app's first use).
/// </summary>
internal static class CaseTableSeeder
{
    public static readonly string[] Prefectures = ["320100", "320200", "320300", "320400", "320500", "320600", "330100", "330200", "330300", "340100", "340200", "340300"];
    private static readonly string[] Statuses = [CaseStatus.New, CaseStatus.Open, CaseStatus.InProgress];

    public static TimeSpan Seed(SqliteDatabase db, int cases)
    {
        var watch = Stopwatch.StartNew();
        _ = new GapCaseStore(db);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO gap_case (case_id, person, rule, period, region, status, summary, evidence, matched_by, opened_at, updated_at, last_run)
            VALUES ($id, $p, $r, '2026', $re, $s, 'benchmark gap', '[]', 'id', $o, $o, 'R-bench')
            """;
        var id = cmd.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        var person = cmd.Parameters.Add("$p", Microsoft.Data.Sqlite.SqliteType.Text);
        var rule = cmd.Parameters.Add("$r", Microsoft.Data.Sqlite.SqliteType.Text);
        var region = cmd.Parameters.Add("$re", Microsoft.Data.Sqlite.SqliteType.Text);
        var status = cmd.Parameters.Add("$s", Microsoft.Data.Sqlite.SqliteType.Text);
        var opened = cmd.Parameters.Add("$o", Microsoft.Data.Sqlite.SqliteType.Text);
        cmd.Prepare();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(5);
        for (var i = 0; i < cases; i++)
        {
            var p = $"{Prefectures[i % Prefectures.Length][..4]}0119800101{i % 10_000:D4}";
            var r = RuleIds.All[random.Next(RuleIds.All.Count)];
            person.Value = p + i.ToString("D7");
            rule.Value = r;
            id.Value = GapCaseStore.CaseIdOf(p + i.ToString("D7"), r, "2026");
            region.Value = Prefectures[i % Prefectures.Length];
            status.Value = Statuses[random.Next(Statuses.Length)];
            opened.Value = start.AddSeconds(random.Next(0, 320 * 86_400)).ToString("O");
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        DataHub.Hub.Web.OfficerWebStore.Ensure(db); // the web app's indexes, built once over the loaded rows (faster than row by row)
        using var analyze = c.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
        return watch.Elapsed;
    }
}
