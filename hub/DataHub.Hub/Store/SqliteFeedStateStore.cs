using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Store;

/// <summary>The feed state tables in the embedded SQLite store.</summary>
public sealed class SqliteFeedStateStore : IFeedStateStore
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS feed_checkpoint (
            feed TEXT NOT NULL, source_hash TEXT NOT NULL, cluster TEXT NOT NULL, source_name TEXT NOT NULL,
            last_line INTEGER NOT NULL, completed INTEGER NOT NULL, updated_at TEXT NOT NULL, resume_from TEXT,
            PRIMARY KEY (feed, source_hash, cluster));
        CREATE TABLE IF NOT EXISTS feed_run (
            id INTEGER PRIMARY KEY AUTOINCREMENT, feed TEXT NOT NULL, trigger TEXT NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
            read INTEGER NOT NULL DEFAULT 0, published INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, error TEXT);
        CREATE TABLE IF NOT EXISTS dead_letter (
            id INTEGER PRIMARY KEY AUTOINCREMENT, feed TEXT NOT NULL, source_hash TEXT NOT NULL, source TEXT NOT NULL,
            line INTEGER NOT NULL, field TEXT, value TEXT, reason TEXT NOT NULL, target_topic TEXT,
            rejected_at TEXT NOT NULL, run_id INTEGER, replayed_at TEXT,
            UNIQUE (feed, source_hash, line));
        """;

    private readonly SqliteDatabase _db;

    public SqliteFeedStateStore(SqliteDatabase db)
    {
        _db = db;
        _db.EnsureSchema("feed-state", Ddl);
        AddResumeFromColumn();
    }

    /// <summary>Stores created before checkpoints kept resume offsets get the column.</summary>
    private void AddResumeFromColumn()
    {
        using var c = _db.Open();
        using var check = Command(c, "SELECT COUNT(*) FROM pragma_table_info('feed_checkpoint') WHERE name='resume_from'");
        if ((long)check.ExecuteScalar()! > 0) return;
        using var alter = Command(c, "ALTER TABLE feed_checkpoint ADD COLUMN resume_from TEXT");
        alter.ExecuteNonQuery();
    }

    public async Task<SourceCheckpoint?> GetCheckpointAsync(string feed, string sourceHash, string cluster, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, "SELECT source_name, last_line, completed, updated_at, resume_from FROM feed_checkpoint WHERE feed=$f AND source_hash=$h AND cluster=$c",
            ("$f", feed), ("$h", sourceHash), ("$c", cluster));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new SourceCheckpoint(feed, sourceHash, r.GetString(0), cluster, r.GetInt64(1), r.GetInt64(2) != 0, DateTimeOffset.Parse(r.GetString(3)),
            r.IsDBNull(4) ? null : ResumeOffsets.Parse(r.GetString(4)));
    }

    public async Task SaveCheckpointAsync(SourceCheckpoint cp, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, """
            INSERT INTO feed_checkpoint (feed, source_hash, cluster, source_name, last_line, completed, updated_at, resume_from)
            VALUES ($f, $h, $c, $n, $l, $d, $u, $o)
            ON CONFLICT (feed, source_hash, cluster) DO UPDATE SET source_name=$n, last_line=$l, completed=$d, updated_at=$u, resume_from=$o
            """, ("$f", cp.Feed), ("$h", cp.SourceHash), ("$c", cp.Cluster), ("$n", cp.SourceName), ("$l", cp.LastLine),
            ("$d", cp.Completed ? 1 : 0), ("$u", cp.UpdatedAt.ToString("O")), ("$o", cp.ResumeFrom is null ? null : ResumeOffsets.Format(cp.ResumeFrom)));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<SourceCheckpoint>> CheckpointsAsync(string feed, string? cluster, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, """
            SELECT source_hash, source_name, cluster, last_line, completed, updated_at FROM feed_checkpoint
            WHERE feed=$f AND ($c IS NULL OR cluster=$c) ORDER BY updated_at DESC, source_name
            """, ("$f", feed), ("$c", cluster));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = new List<SourceCheckpoint>();
        while (await r.ReadAsync(ct))
            found.Add(new SourceCheckpoint(feed, r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4) != 0, DateTimeOffset.Parse(r.GetString(5))));
        return found;
    }

    public async Task<int> DeleteCheckpointsAsync(string feed, string cluster, string? sourceName, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, "DELETE FROM feed_checkpoint WHERE feed=$f AND cluster=$c AND ($n IS NULL OR source_name=$n)",
            ("$f", feed), ("$c", cluster), ("$n", sourceName));
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<long> StartRunAsync(string feed, string trigger, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, "INSERT INTO feed_run (feed, trigger, started_at, status) VALUES ($f, $t, $s, 'running') RETURNING id",
            ("$f", feed), ("$t", trigger), ("$s", DateTimeOffset.UtcNow.ToString("O")));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task FinishRunAsync(FeedRun run, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, """
            UPDATE feed_run SET finished_at=$fin, status=$st, read=$r, published=$p, rejected=$x, skipped=$k, error=$e WHERE id=$id
            """, ("$fin", (run.FinishedAt ?? DateTimeOffset.UtcNow).ToString("O")), ("$st", run.Status), ("$r", run.Read),
            ("$p", run.Published), ("$x", run.Rejected), ("$k", run.Skipped), ("$e", run.Error), ("$id", run.Id));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<FeedRun>> RecentRunsAsync(string? feed, int limit, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, """
            SELECT id, feed, trigger, started_at, finished_at, status, read, published, rejected, skipped, error FROM feed_run
            WHERE $f IS NULL OR feed=$f ORDER BY id DESC LIMIT $n
            """, ("$f", feed), ("$n", limit));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var runs = new List<FeedRun>();
        while (await r.ReadAsync(ct))
            runs.Add(new FeedRun(r.GetInt64(0), r.GetString(1), r.GetString(2), DateTimeOffset.Parse(r.GetString(3)),
                r.IsDBNull(4) ? null : DateTimeOffset.Parse(r.GetString(4)), r.GetString(5), r.GetInt64(6), r.GetInt64(7),
                r.GetInt64(8), r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10)));
        return runs;
    }

    public async Task AddDeadLettersAsync(IReadOnlyCollection<DeadLetterEntry> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0) return;
        await using var c = _db.Open();
        await using var tx = c.BeginTransaction();
        await using var cmd = Command(c, """
            INSERT OR IGNORE INTO dead_letter (feed, source_hash, source, line, field, value, reason, target_topic, rejected_at, run_id)
            VALUES ($f, $h, $s, $l, $fi, $v, $r, $t, $at, $run)
            """, ("$f", null), ("$h", null), ("$s", null), ("$l", null), ("$fi", null), ("$v", null), ("$r", null), ("$t", null), ("$at", null), ("$run", null));
        cmd.Transaction = tx;
        foreach (var e in entries)
        {
            Set(cmd, "$f", e.Feed); Set(cmd, "$h", e.SourceHash); Set(cmd, "$s", e.Source); Set(cmd, "$l", e.Line);
            Set(cmd, "$fi", e.Field); Set(cmd, "$v", e.Value); Set(cmd, "$r", e.Reason); Set(cmd, "$t", e.TargetTopic);
            Set(cmd, "$at", e.RejectedAt.ToString("O")); Set(cmd, "$run", e.RunId);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<DeadLetterEntry>> DeadLettersAsync(string? feed, int limit, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, """
            SELECT feed, source_hash, source, line, field, value, reason, target_topic, rejected_at, run_id, id, replayed_at FROM dead_letter
            WHERE $f IS NULL OR feed=$f ORDER BY id LIMIT $n
            """, ("$f", feed), ("$n", limit));
        return await ReadDeadLettersAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<DeadLetterEntry>> PendingDeadLettersAsync(string? feed, string? source, CancellationToken ct = default)
    {
        await using var c = _db.Open();
        await using var cmd = Command(c, """
            SELECT feed, source_hash, source, line, field, value, reason, target_topic, rejected_at, run_id, id, replayed_at FROM dead_letter
            WHERE ($f IS NULL OR feed=$f) AND ($s IS NULL OR source=$s) AND replayed_at IS NULL ORDER BY feed, source, line
            """, ("$f", feed), ("$s", source));
        return await ReadDeadLettersAsync(cmd, ct);
    }

    public async Task MarkReplayedAsync(IReadOnlyCollection<long> ids, DateTimeOffset when, CancellationToken ct = default)
    {
        if (ids.Count == 0) return;
        await using var c = _db.Open();
        await using var tx = c.BeginTransaction();
        await using var cmd = Command(c, "UPDATE dead_letter SET replayed_at=$at WHERE id=$id", ("$at", when.ToString("O")), ("$id", null));
        cmd.Transaction = tx;
        foreach (var id in ids)
        {
            Set(cmd, "$id", id);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task<IReadOnlyList<DeadLetterEntry>> ReadDeadLettersAsync(SqliteCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DeadLetterEntry>();
        while (await r.ReadAsync(ct))
            list.Add(new DeadLetterEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), DateTimeOffset.Parse(r.GetString(8)), r.IsDBNull(9) ? null : r.GetInt64(9), r.GetInt64(10),
                r.IsDBNull(11) ? null : DateTimeOffset.Parse(r.GetString(11))));
        return list;
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static void Set(SqliteCommand cmd, string name, object? value) => cmd.Parameters[name].Value = value ?? DBNull.Value;
}
