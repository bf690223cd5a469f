using System.Diagnostics;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store;
using DataHub.Reconciliation.Engine;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;
using Microsoft.Data.Sqlite;

namespace DataHub.Benchmarks;

/// <summary>
/// Fills gap_case with open cases straight through SQL: GapCaseStore.Apply keeps a run's whole diff in memory and
/// writes history and outbox rows, which is right for runs and far too slow for seeding a million rows.
/// The cases look like real ones where it matters to the queries: valid resident IDs of the prefecture's counties,
/// rules and match kinds as skewed as a city's (a few common rules, some rare ones), a spread of statuses, opening
/// dates over 320 days, updates after them, a tenth of the cases assigned. The schema and the web app's indexes come
/// from the real stores (the indexes after the load: building them once is faster than row by row).
/// </summary>
internal static class CaseTableSeeder
{
    public static readonly string[] Prefectures = ["320100", "320200", "320300", "320400", "320500", "320600", "330100", "330200", "330300", "340100", "340200", "340300"];

    /// <summary>Relative frequency of each rule (in <see cref="RuleIds.All"/> order): newborns and lapses common, duplicates rare.</summary>
    private static readonly int[] RuleWeights = [30, 6, 4, 10, 18, 20, 6, 5, 1];
    private static readonly string[] Statuses = [CaseStatus.New, CaseStatus.Open, CaseStatus.InProgress];
    private static readonly int[] StatusWeights = [50, 20, 30];
    private static readonly string[] MatchKinds = ["id", "certificate", "parent", "unresolved"];
    private static readonly int[] MatchWeights = [85, 10, 4, 1];
    public static readonly DateTimeOffset FirstOpened = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TimeSpan Seed(SqliteDatabase db, int cases)
    {
        var watch = Stopwatch.StartNew();
        _ = new GapCaseStore(db);
        var counties = Prefectures.Select(p => DivisionTable.Default.All.Where(d => d.Level == DivisionLevel.County && d.Parent == p).Select(d => d.Code).ToArray()).ToArray();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        using var insert = Command(c, tx, """
            INSERT INTO gap_case (case_id, person, rule, period, region, status, summary, evidence, matched_by, opened_at, updated_at, last_run)
            VALUES ($id, $p, $r, '2026', $re, $s, $su, $e, $m, $o, $u, 'R-bench')
            """, "$id", "$p", "$r", "$re", "$s", "$su", "$e", "$m", "$o", "$u");
        var random = new Random(5);
        var assigned = new List<(string Id, string At)>();
        Span<char> person = stackalloc char[18];
        for (var i = 0; i < cases; i++)
        {
            var prefecture = i % Prefectures.Length;
            var county = counties[prefecture].Length > 0 ? counties[prefecture][random.Next(counties[prefecture].Length)] : Prefectures[prefecture];
            ResidentIdOf(county, i, person);
            var rule = RuleIds.All[Pick(random, RuleWeights)];
            var opened = FirstOpened.AddSeconds(random.Next(0, 320 * 86_400));
            var id = GapCaseStore.CaseIdOf(person.ToString(), rule, "2026");
            Run(insert, id, person.ToString(), rule, Prefectures[prefecture], Statuses[Pick(random, StatusWeights)],
                $"规则 {rule}：缺少 2026 年度参保记录", $$"""[{"Feed":"public-security.births","Source":"births-{{opened:yyyyMM}}.csv","Line":{{2 + i % 5000}},"Date":"{{opened:yyyy-MM-dd}}","Note":"出生登记"}]""",
                MatchKinds[Pick(random, MatchWeights)], opened.ToString("O"), opened.AddSeconds(random.Next(0, 30 * 86_400)).ToString("O"));
            if (i % 10 == 3) assigned.Add((id, opened.ToString("O")));
        }
        tx.Commit();
        DataHub.Hub.Web.OfficerWebStore.Ensure(db); // the web app's tables and indexes, the indexes built once over the loaded rows
        using (var assignTx = c.BeginTransaction())
        using (var assign = Command(c, assignTx, "INSERT INTO gap_case_assignment (case_id, assignee, assigned_by, at) VALUES ($id, 'bench-officer', 'bench-supervisor', $at)", "$id", "$at"))
        {
            foreach (var (id, at) in assigned) Run(assign, id, at);
            assignTx.Commit();
        }
        using var analyze = c.CreateCommand();
        analyze.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);"; // a 1 M-row load leaves a WAL of hundreds of MB; readers then read the file
        analyze.ExecuteNonQuery();
        return watch.Elapsed;
    }

    /// <summary>A valid resident ID of the county, unique per i (birth date and sequence derived from it).</summary>
    private static void ResidentIdOf(string county, int i, Span<char> id)
    {
        county.CopyTo(id);
        new DateOnly(1950, 1, 1).AddDays(i / 1000 * 37 % 27_000).TryFormat(id[6..], out _, "yyyyMMdd"); // 37 is prime to 27,000: no two i share a day and sequence
        (i % 1000).TryFormat(id[14..], out _, "D3");
        id[17] = ResidentId.CheckCharacter(id[..17]);
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
            if ((roll -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in names) cmd.Parameters.Add(name, SqliteType.Text);
        cmd.Prepare();
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params string[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i];
        cmd.ExecuteNonQuery();
    }
}
