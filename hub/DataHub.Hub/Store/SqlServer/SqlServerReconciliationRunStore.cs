using System.Data;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary><see cref="IReconciliationRunStore"/> in SQL Server (statements in <see cref="ReconciliationRunSql"/>).</summary>
public sealed class SqlServerReconciliationRunStore(SqlServerDatabase db) : IReconciliationRunStore
{
    public void Started(string runId, string trigger, DateOnly asOf, string scope)
    {
        using var c = db.Open();
        using var cmd = Create(c, ReconciliationRunSql.Started, ("@run", runId), ("@trigger", trigger), ("@started", DateTimeOffset.UtcNow),
            ("@asOf", asOf.ToDateTime(TimeOnly.MinValue)), ("@instance", HubInstance.Name), ("@scope", scope));
        cmd.Parameters["@asOf"].SqlDbType = SqlDbType.Date;
        cmd.ExecuteNonQuery();
    }

    public void Finished(string runId, string status, int? gaps, CaseApplyResult? applied, string? problem, int? events)
    {
        using var c = db.Open();
        using var cmd = Create(c, ReconciliationRunSql.Finished, ("@run", runId), ("@status", status), ("@finished", DateTimeOffset.UtcNow),
            ("@gaps", gaps), ("@opened", applied?.Opened), ("@changed", applied?.Changed), ("@closed", applied?.Closed),
            ("@events", events), ("@problem", problem));
        cmd.ExecuteNonQuery();
    }

    public (string Status, string? Problem)? Status(string runId)
    {
        using var c = db.Open();
        using var cmd = Create(c, ReconciliationRunSql.Status, ("@run", runId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)) : null;
    }

    public IReadOnlyList<ReconciliationRunRecord> Recent(int limit)
    {
        using var c = db.Open();
        using var cmd = Create(c, ReconciliationRunSql.Recent, ("@limit", limit));
        using var r = cmd.ExecuteReader();
        var list = new List<ReconciliationRunRecord>();
        while (r.Read())
            list.Add(new ReconciliationRunRecord(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? "" : r.GetString(2), r.IsDBNull(3) ? "" : r.GetString(3),
                r.GetDateTimeOffset(4), r.IsDBNull(5) ? null : r.GetDateTimeOffset(5), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetInt32(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9)));
        return list;
    }
}
