using System.Data;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using Microsoft.Data.SqlClient;
using static DataHub.Hub.Store.SqlServer.SqlServerCommand;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// <see cref="IRegistryStore"/> in SQL Server (statements in <see cref="MaterialisedRegistrySql"/>). A save is one
/// transaction: the topic's application lock, the offset check under UPDLOCK/HOLDLOCK, then the rows and offsets,
/// each sent as one table-valued parameter (<see cref="SqlServerTableTypes"/>).
/// </summary>
public sealed class SqlServerRegistryStore(SqlServerDatabase db) : IRegistryStore
{
    private const int LockTimeoutMs = 120_000;
    private const string LockPrefix = "datahub.registry-store:";

    public string? AdoptCluster(string cluster)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        using var cmd = Create(c, MaterialisedRegistrySql.AdoptCluster, tx, ("@cluster", cluster), ("@now", DateTimeOffset.UtcNow));
        var previous = cmd.ExecuteScalar() as string;
        tx.Commit();
        return previous;
    }

    public IReadOnlyDictionary<int, long> NextOffsets(string topic)
    {
        using var c = db.Open();
        using var cmd = Create(c, MaterialisedRegistrySql.NextOffsets, ("@topic", topic));
        using var r = cmd.ExecuteReader();
        var offsets = new Dictionary<int, long>();
        while (r.Read()) offsets[r.GetInt32(0)] = r.GetInt64(1);
        return offsets;
    }

    public bool Save(string topic, IReadOnlyList<StoredRecord> records, IReadOnlyDictionary<int, long> startOffsets, IReadOnlyDictionary<int, long> nextOffsets)
    {
        var now = DateTimeOffset.UtcNow;
        using var c = db.Open();
        using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
        using (var lockTopic = Create(c, MaterialisedRegistrySql.LockTopic, tx, ("@resource", LockPrefix + topic), ("@timeoutMs", LockTimeoutMs)))
            lockTopic.ExecuteNonQuery();
        if (startOffsets.Count > 0)
        {
            using var check = Create(c, MaterialisedRegistrySql.CountStaleStarts, tx, ("@topic", topic));
            AddTable(check, "@starts", SqlServerTableTypes.RegistryPartitionOffsets, SqlServerTableTypes.PartitionOffsets(startOffsets));
            if (Convert.ToInt32(check.ExecuteScalar()) > 0) return false; // disposing the transaction rolls it back
        }
        if (records.Count > 0)
        {
            using var upsert = Create(c, MaterialisedRegistrySql.UpsertRecords, tx, ("@topic", topic), ("@now", now));
            AddTable(upsert, "@records", SqlServerTableTypes.RegistryRecordRows, SqlServerTableTypes.RegistryRecords(
                LatestPerIdentity(records).Select(r => (r, PersonPartitioner.OfResident(r.ResidentId)))));
            upsert.ExecuteNonQuery();
        }
        if (nextOffsets.Count > 0)
        {
            using var offsets = Create(c, MaterialisedRegistrySql.UpsertOffsets, tx, ("@topic", topic), ("@now", now));
            AddTable(offsets, "@offsets", SqlServerTableTypes.RegistryPartitionOffsets, SqlServerTableTypes.PartitionOffsets(nextOffsets));
            offsets.ExecuteNonQuery();
        }
        tx.Commit();
        return true;
    }

    /// <summary>The last record of each identity in list order (as SQLite's row-by-row upsert leaves it); a table-valued parameter may hold an identity once.</summary>
    public static IReadOnlyCollection<StoredRecord> LatestPerIdentity(IReadOnlyList<StoredRecord> records)
    {
        var latest = new Dictionary<string, StoredRecord>(records.Count, StringComparer.Ordinal);
        foreach (var r in records) latest[r.Identity] = r;
        return latest.Values;
    }

    public void RecordLoss(LostRange range)
    {
        using var c = db.Open();
        using var cmd = Create(c, MaterialisedRegistrySql.RecordLoss, ("@topic", range.Topic), ("@partition", range.Partition),
            ("@from", range.FromOffset), ("@to", range.ToOffset), ("@detected", DateTimeOffset.UtcNow));
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<LostRange> TakeUnreportedLosses(string runId)
    {
        using var c = db.Open();
        using var cmd = Create(c, MaterialisedRegistrySql.TakeUnreportedLosses, ("@run", runId));
        using var r = cmd.ExecuteReader();
        var taken = new List<(long Id, LostRange Range)>();
        while (r.Read()) taken.Add((r.GetInt64(0), new LostRange(r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4))));
        return [.. taken.OrderBy(t => t.Id).Select(t => t.Range)]; // OUTPUT rows come in no defined order
    }

    public IEnumerable<StoredRecord> Read(string topic, ReconcileScope? scope = null)
    {
        using var c = db.Open();
        using var cmd = scope is null || scope.IsWhole
            ? Create(c, MaterialisedRegistrySql.ReadAll, ("@topic", topic))
            : ShareCommand(c, topic, scope);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return new StoredRecord(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(5), r.GetInt32(6), r.GetInt64(7));
    }

    private static SqlCommand ShareCommand(SqlConnection c, string topic, ReconcileScope scope)
    {
        var shared = RegistrySlice.SharedRowsOf(topic);
        return Create(c, MaterialisedRegistrySql.ReadShare, ("@topic", topic), ("@partitions", $"[{string.Join(",", scope.Partitions.Order())}]"),
            ("@allShared", shared == SharedRows.All), ("@certificateShared", shared == SharedRows.WithBirthCertificate),
            ("@certificatePath", "$." + RegistrySlice.BirthCertificateField));
    }
}
