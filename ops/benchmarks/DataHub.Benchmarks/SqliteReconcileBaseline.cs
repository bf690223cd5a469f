using System.Diagnostics;
using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Reference;
using Microsoft.Data.Sqlite;

namespace DataHub.Benchmarks;

/// <summary>
/// The comparison the design rests on: the same nine rules as SQL joins over the same registries in SQLite
/// (indexed on every join key, temp file, no journal, memory-mapped). Loading is not timed; each rule's query is
/// (one connection, as one SQL job would run them), and its count is checked against the engine's.
/// </summary>
internal static class SqliteReconcileBaseline
{
    private const double JulianOfDayZero = 1721425.5; // julianday('0001-01-01'): DateOnly.DayNumber 0

    public static (TimeSpan Load, StepCost Query, Dictionary<string, long> Counts) Run(RegistrySet r, ReconciliationOptions options, WorkingDayCalendar calendar)
    {
        var path = Path.Combine(Path.GetTempPath(), $"datahub-baseline-{Guid.NewGuid():N}.db");
        try
        {
            using var c = new SqliteConnection($"Data Source={path};Pooling=False");
            c.Open();
            // Tuned as for a bulk analytical job: no journal, no fsync, a 1 GB page cache, temporary b-trees in memory,
            // and the file memory-mapped so reads skip the copy into the page cache.
            Exec(c, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=17179869184;");
            var load = Stopwatch.StartNew();
            Load(c, r, options, calendar);
            load.Stop();
            var query = new StepMeasurement();
            var counts = Queries(options).ToDictionary(q => q.Rule, q => Scalar(c, q.Sql));
            return (load.Elapsed, query.Stop(), counts);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static IEnumerable<(string Rule, string Sql)> Queries(ReconciliationOptions o)
    {
        var asOf = Keys.Day(o.ResolveAsOf());
        var yearStart = Keys.Day(new DateOnly(o.ResolveYear(), 1, 1));
        var firstPeriod = Keys.AddMonths(Keys.Month(o.ResolveAsOf()), -o.ContributionLookbackMonths);
        var oldestJobEnd = Keys.Day(o.ResolveAsOf().AddMonths(-o.LapseLookbackMonths));
        var alive = $"NOT EXISTS (SELECT 1 FROM deaths d WHERE d.k = x.k AND d.day <= {asOf})";
        string Active(string key, string day) => $"EXISTS (SELECT 1 FROM enrol e WHERE e.k = {key} AND e.status = 1 AND e.start <= {day} AND e.end_ >= {day})";
        string Month(string day) => $"CAST(strftime('%Y%m', {day} + {JulianOfDayZero}) AS INTEGER)";
        yield return (RuleIds.Newborn, $"""
            SELECT COUNT(*) FROM births x WHERE x.k <> 0 AND x.day + {o.NewbornGraceDays} < {asOf} AND x.day >= {asOf - o.NewbornLookbackDays} AND {alive}
              AND NOT EXISTS (SELECT 1 FROM enrol e WHERE e.k = x.k AND e.start <= x.day + {o.NewbornGraceDays})
              AND NOT EXISTS (SELECT 1 FROM enrol e WHERE x.cert <> 0 AND e.cert = x.cert AND e.start <= x.day + {o.NewbornGraceDays})
            """);
        yield return (RuleIds.Student, $"""
            SELECT COUNT(DISTINCT x.k) FROM (SELECT COALESCE(NULLIF(s.k, 0),
                (SELECT b.k FROM births b WHERE b.mother = s.guardian AND b.day = s.day AND b.sex = s.sex AND b.name = s.name LIMIT 1),
                (SELECT b.k FROM births b WHERE b.father = s.guardian AND b.day = s.day AND b.sex = s.sex AND b.name = s.name LIMIT 1), 0) AS k
              FROM students s WHERE s.school_year = '{o.ResolveSchoolYear()}') x
            WHERE x.k <> 0 AND {alive} AND NOT {Active("x.k", asOf.ToString())}
            """);
        yield return (RuleIds.Assisted, $"""
            SELECT COUNT(DISTINCT x.k) FROM members x WHERE x.from_ <= {asOf} AND x.to_ >= {yearStart} AND {alive} AND NOT {Active("x.k", asOf.ToString())}
            """);
        yield return (RuleIds.Contributor, $"""
            SELECT COUNT(DISTINCT x.k) FROM contrib x WHERE x.period >= {firstPeriod} AND {alive} AND NOT {Active("x.k", asOf.ToString())}
            """);
        var graceEnd = $"CAST(julianday(date(x.day + {JulianOfDayZero}, '+{o.LapseGraceMonths} months')) - {JulianOfDayZero} AS INTEGER)";
        yield return (RuleIds.JobEnded, $"""
            SELECT COUNT(*) FROM (SELECT k, MAX(day * 2 + is_start) / 2 AS day, MAX(day * 2 + is_start) % 2 AS is_start FROM jobs GROUP BY k) x
            WHERE x.is_start = 0 AND x.day >= {oldestJobEnd} AND {graceEnd} < {asOf} AND {alive}
              AND NOT {Active("x.k", graceEnd)}
              AND NOT EXISTS (SELECT 1 FROM contrib c WHERE c.k = x.k AND c.by_person = 1 AND c.period > {Month("x.day")})
            """);
        yield return (RuleIds.NotRenewed, $"""
            SELECT COUNT(*) FROM (SELECT k FROM enrol WHERE k <> 0 GROUP BY k
              HAVING SUM(scheme = 390 AND start <= {yearStart - 1} AND end_ >= {yearStart - 1}) > 0 AND SUM(start <= {asOf} AND end_ >= {yearStart}) = 0) x
            WHERE {alive}
            """);
        yield return (RuleIds.TransferOverdue, $"""
            SELECT COUNT(*) FROM transfers x JOIN deadlines dl ON dl.applied = x.applied WHERE x.status IN (1, 2) AND {asOf} > dl.deadline AND {alive}
            """);
        yield return (RuleIds.Deceased, $"""
            SELECT COUNT(*) FROM deaths x WHERE x.day + {o.DeathGraceDays} < {asOf}
              AND (EXISTS (SELECT 1 FROM enrol e WHERE e.k = x.k AND e.status = 1 AND e.end_ > x.day)
                OR EXISTS (SELECT 1 FROM contrib c WHERE c.k = x.k AND c.period > {Month("x.day")}))
            """);
        yield return (RuleIds.Duplicate, $"""
            SELECT COUNT(*) FROM (SELECT k FROM enrol WHERE k <> 0 AND status = 1 AND start <= {asOf} AND end_ >= {asOf} GROUP BY k
              HAVING COUNT(DISTINCT area) > 1 OR COUNT(DISTINCT scheme) > 1) x WHERE {alive}
            """);
    }

    private static void Load(SqliteConnection c, RegistrySet r, ReconciliationOptions o, WorkingDayCalendar calendar)
    {
        Exec(c, """
            CREATE TABLE births (k INTEGER, mother INTEGER, father INTEGER, day INTEGER, sex INTEGER, cert INTEGER, name TEXT);
            CREATE TABLE deaths (k INTEGER, day INTEGER);
            CREATE TABLE enrol (k INTEGER, scheme INTEGER, area INTEGER, status INTEGER, start INTEGER, end_ INTEGER, cert INTEGER);
            CREATE TABLE contrib (k INTEGER, scheme INTEGER, by_person INTEGER, period INTEGER, paid INTEGER);
            CREATE TABLE jobs (k INTEGER, is_start INTEGER, day INTEGER);
            CREATE TABLE members (k INTEGER, from_ INTEGER, to_ INTEGER);
            CREATE TABLE students (k INTEGER, guardian INTEGER, day INTEGER, sex INTEGER, name TEXT, school_year TEXT);
            CREATE TABLE transfers (k INTEGER, status INTEGER, applied INTEGER);
            CREATE TABLE deadlines (applied INTEGER PRIMARY KEY, deadline INTEGER);
            """);
        Insert(c, "births", r.Births, (k, x) => [k, x.MotherKey, x.FatherKey, x.BirthDay, x.Sex, x.Certificate, x.Name]);
        Insert(c, "deaths", r.Deaths, (k, x) => [k, x.DeathDay]);
        Insert(c, "enrol", r.Enrolments, (k, x) => [k, x.Scheme, x.PoolingArea, (int)x.Status, x.StartDay, x.EndDay, x.Certificate]);
        Insert(c, "contrib", r.Contributions, (k, x) => [k, x.Scheme, x.PaidByPerson ? 1 : 0, x.Period, x.PaidDay]);
        Insert(c, "jobs", r.Jobs, (k, x) => [k, x.IsStart ? 1 : 0, x.Day]);
        Insert(c, "members", r.Memberships, (k, x) => [k, x.FromDay, x.ToDay]);
        Insert(c, "students", r.Students, (k, x) => [k, x.GuardianKey, x.BirthDay, x.Sex, x.Name, x.SchoolYear]);
        Insert(c, "transfers", r.Transfers, (k, x) => [k, (int)x.Status, x.AppliedDay]);
        var applied = r.Transfers.Rows.Take(r.Transfers.Count).Select(t => t.AppliedDay).Distinct().ToList();
        using (var tx = c.BeginTransaction())
        {
            foreach (var day in applied)
                Exec(c, $"INSERT INTO deadlines VALUES ({day}, {Keys.Day(calendar.AddWorkingDays(Keys.Date(day), o.TransferWorkingDays))})", tx);
            tx.Commit();
        }
        Exec(c, """
            CREATE INDEX births_k ON births (k); CREATE INDEX births_cert ON births (cert);
            CREATE INDEX births_mother ON births (mother, day, sex); CREATE INDEX births_father ON births (father, day, sex);
            CREATE INDEX deaths_k ON deaths (k); CREATE INDEX enrol_k ON enrol (k, status, start, end_); CREATE INDEX enrol_cert ON enrol (cert);
            CREATE INDEX contrib_k ON contrib (k, period); CREATE INDEX jobs_k ON jobs (k); CREATE INDEX members_k ON members (k);
            CREATE INDEX transfers_k ON transfers (k); ANALYZE;
            """);
    }

    private static void Insert<T>(SqliteConnection c, string table, KeyedTable<T> rows, Func<long, T, object?[]> values) where T : struct
    {
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        var width = values(0, default).Length;
        cmd.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", Enumerable.Range(0, width).Select(i => "$p" + i))})";
        var ps = Enumerable.Range(0, width).Select(i => cmd.Parameters.Add("$p" + i, SqliteType.Integer)).ToArray();
        cmd.Prepare();
        for (var i = 0; i < rows.Count; i++)
        {
            var v = values(rows.Keys[i], rows.Rows[i]);
            for (var j = 0; j < width; j++) ps[j].Value = v[j] ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        return (long)cmd.ExecuteScalar()!;
    }

    private static void Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
