using System.Data;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary><see cref="IFeedStateStore"/> in SQL Server (statements in <see cref="FeedStateSql"/>; schema by migration).</summary>
public sealed class SqlServerFeedStateStore(SqlServerDatabase db) : IFeedStateStore
{
    public async Task<SourceCheckpoint?> GetCheckpointAsync(string feed, string sourceHash, string cluster, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.GetCheckpoint, ("@feed", feed), ("@hash", sourceHash), ("@cluster", cluster));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new SourceCheckpoint(feed, sourceHash, r.GetString(0), cluster, r.GetInt64(1), r.GetBoolean(2), r.GetDateTimeOffset(3),
            r.IsDBNull(4) ? null : ResumeOffsets.Parse(r.GetString(4)));
    }

    public async Task SaveCheckpointAsync(SourceCheckpoint cp, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.SaveCheckpoint, ("@feed", cp.Feed), ("@hash", cp.SourceHash), ("@cluster", cp.Cluster),
            ("@name", cp.SourceName), ("@line", cp.LastLine), ("@completed", cp.Completed), ("@updated", cp.UpdatedAt),
            ("@resume", cp.ResumeFrom is null ? null : ResumeOffsets.Format(cp.ResumeFrom)));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<SourceCheckpoint>> CheckpointsAsync(string feed, string? cluster, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.Checkpoints, ("@feed", feed), ("@cluster", cluster));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = new List<SourceCheckpoint>();
        while (await r.ReadAsync(ct))
            found.Add(new SourceCheckpoint(feed, r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetBoolean(4), r.GetDateTimeOffset(5)));
        return found;
    }

    public async Task<int> DeleteCheckpointsAsync(string feed, string cluster, string? sourceName, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.DeleteCheckpoints, ("@feed", feed), ("@cluster", cluster), ("@name", sourceName));
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<long> StartRunAsync(string feed, string trigger, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.StartRun, ("@feed", feed), ("@trigger", trigger), ("@started", DateTimeOffset.UtcNow));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    public async Task FinishRunAsync(FeedRun run, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.FinishRun, ("@finished", run.FinishedAt ?? DateTimeOffset.UtcNow), ("@status", run.Status),
            ("@read", run.Read), ("@published", run.Published), ("@rejected", run.Rejected), ("@skipped", run.Skipped),
            ("@error", run.Error), ("@id", run.Id));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<FeedRun>> RecentRunsAsync(string? feed, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.RecentRuns, ("@limit", limit), ("@feed", feed));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var runs = new List<FeedRun>();
        while (await r.ReadAsync(ct))
            runs.Add(new FeedRun(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetDateTimeOffset(3),
                r.IsDBNull(4) ? null : r.GetDateTimeOffset(4), r.GetString(5), r.GetInt64(6), r.GetInt64(7),
                r.GetInt64(8), r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10)));
        return runs;
    }

    public async Task AddDeadLettersAsync(IReadOnlyCollection<DeadLetterEntry> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0) return;
        await using var c = await db.OpenAsync(ct);
        await using var tx = (SqlTransaction)await c.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        foreach (var e in entries)
        {
            await using var cmd = Create(c, FeedStateSql.AddDeadLetter, tx, ("@feed", e.Feed), ("@hash", e.SourceHash), ("@source", e.Source),
                ("@line", e.Line), ("@field", e.Field), ("@value", e.Value), ("@reason", e.Reason), ("@topic", e.TargetTopic),
                ("@rejected", e.RejectedAt), ("@run", e.RunId));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<DeadLetterEntry>> DeadLettersAsync(string? feed, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.DeadLetters, ("@limit", limit), ("@feed", feed));
        return await ReadDeadLettersAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<DeadLetterEntry>> PendingDeadLettersAsync(string? feed, string? source, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Create(c, FeedStateSql.PendingDeadLetters, ("@feed", feed), ("@source", source));
        return await ReadDeadLettersAsync(cmd, ct);
    }

    public async Task MarkReplayedAsync(IReadOnlyCollection<long> ids, DateTimeOffset when, CancellationToken ct = default)
    {
        if (ids.Count == 0) return;
        await using var c = await db.OpenAsync(ct);
        await using var tx = (SqlTransaction)await c.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        foreach (var id in ids)
        {
            await using var cmd = Create(c, FeedStateSql.MarkReplayed, tx, ("@at", when), ("@id", id));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task<IReadOnlyList<DeadLetterEntry>> ReadDeadLettersAsync(SqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DeadLetterEntry>();
        while (await r.ReadAsync(ct))
            list.Add(new DeadLetterEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetDateTimeOffset(8), r.IsDBNull(9) ? null : r.GetInt64(9), r.GetInt64(10)));
        return list;
    }
}
