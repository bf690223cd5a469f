using System.Data;
using System.Text.Json;
using DataHub.Hub.Reconciliation;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>Reading cases and history, and the event outbox's claims and acknowledgements.</summary>
public sealed partial class SqlServerGapCaseStore
{
    public IReadOnlyList<GapCase> Cases(string? status = null)
    {
        using var c = db.Open();
        return status is null ? ReadCases(c, null, GapCaseSql.AllCases) : ReadCases(c, null, GapCaseSql.CasesOfStatus, ("@status", status));
    }

    public IReadOnlyList<GapCaseChange> History(string caseId)
    {
        using var c = db.Open();
        using var cmd = Create(c, GapCaseSql.History, ("@id", caseId));
        using var r = cmd.ExecuteReader();
        var list = new List<GapCaseChange>();
        while (r.Read())
            list.Add(new GapCaseChange(r.GetString(0), r.GetDateTimeOffset(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7)));
        return list;
    }

    public IReadOnlyList<(long Seq, GapCaseEvent Event)> PendingEvents(Func<string, bool>? ownsPerson = null)
    {
        using var c = db.Open();
        return ReadEvents(c, null, GapCaseSql.PendingEvents, ownsPerson);
    }

    public IReadOnlyList<(long Seq, GapCaseEvent Event)> ClaimPendingEvents(string claimant, Func<string, bool>? ownsPerson, TimeSpan staleAfter, DateTimeOffset now)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        var list = ReadEvents(c, tx, GapCaseSql.ClaimablePendingEvents, ownsPerson, ("@stale", now - staleAfter));
        foreach (var batch in list.Chunk(BatchSize))
        {
            using var cmd = Create(c, GapCaseSql.ClaimEvents, tx, ("@claimant", claimant), ("@at", now),
                ("@seqs", JsonSerializer.Serialize(batch.Select(e => e.Seq))));
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return list;
    }

    public void ReleaseClaims(string claimant)
    {
        using var c = db.Open();
        using var cmd = Create(c, GapCaseSql.ReleaseClaims, ("@claimant", claimant));
        cmd.ExecuteNonQuery();
    }

    public void MarkPublished(IEnumerable<long> seqs, DateTimeOffset at)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        foreach (var batch in seqs.Chunk(BatchSize))
        {
            using var cmd = Create(c, GapCaseSql.MarkPublished, tx, ("@at", at), ("@seqs", JsonSerializer.Serialize(batch)));
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static List<(long Seq, GapCaseEvent Event)> ReadEvents(SqlConnection c, SqlTransaction? tx, string sql, Func<string, bool>? ownsPerson,
        params (string Name, object? Value)[] parameters)
    {
        using var cmd = Create(c, sql, tx, parameters);
        using var r = cmd.ExecuteReader();
        return OutboxRows.Read(r, ownsPerson);
    }
}
