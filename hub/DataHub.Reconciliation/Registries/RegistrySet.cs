namespace DataHub.Reconciliation.Registries;

/// <summary>The feed and source file (or table) a row came from, for a gap's evidence.</summary>
public sealed record SourceOrigin(string Feed, string Source);

/// <summary>
/// Every registry the engine reads, in memory and columnar: one key-sorted table per source, plus the
/// few lookups a newborn or young student without an ID needs (by birth certificate, by parent).
/// </summary>
public sealed class RegistrySet
{
    public required IReadOnlyList<SourceOrigin> Origins { get; init; }
    public required KeyedTable<BirthRow> Births { get; init; }
    public required KeyedTable<DeathRow> Deaths { get; init; }
    public required KeyedTable<EnrolmentRow> Enrolments { get; init; }
    public required KeyedTable<ContributionRow> Contributions { get; init; }
    public required KeyedTable<JobRow> Jobs { get; init; }
    public required KeyedTable<MembershipRow> Memberships { get; init; }
    public required KeyedTable<StudentRow> Students { get; init; }
    public required KeyedTable<TransferRow> Transfers { get; init; }

    /// <summary>Enrolment rows by birth certificate (newborns enrolled before they have an ID).</summary>
    public required IReadOnlyDictionary<long, int[]> EnrolmentsByCertificate { get; init; }
    /// <summary>Birth rows with a child ID, by certificate and by (parent, birth day, sex).</summary>
    public required IReadOnlyDictionary<long, int> BirthsByCertificate { get; init; }
    public required IReadOnlyDictionary<ParentKey, int[]> BirthsByParent { get; init; }

    public long RowCount => Births.Count + (long)Deaths.Count + Enrolments.Count + Contributions.Count + Jobs.Count
        + Memberships.Count + Students.Count + Transfers.Count;

    public long ApproximateBytes => Births.ApproximateBytes + Deaths.ApproximateBytes + Enrolments.ApproximateBytes
        + Contributions.ApproximateBytes + Jobs.ApproximateBytes + Memberships.ApproximateBytes + Students.ApproximateBytes
        + Transfers.ApproximateBytes;
}

/// <summary>A parent's key, the child's birth day and sex: how a child without an ID is found.</summary>
public readonly record struct ParentKey(long Parent, int BirthDay, byte Sex);
