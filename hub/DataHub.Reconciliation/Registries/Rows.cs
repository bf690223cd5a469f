namespace DataHub.Reconciliation.Registries;

/// <summary>Where a row came from: an index into <see cref="RegistrySet.Origins"/> and the line in that source.</summary>
public readonly record struct RowOrigin(int Source, int Line);

/// <summary>出生登记 (public security) or 出生医学证明 (health): the child's key is 0 when the record has no ID.</summary>
public record struct BirthRow(long MotherKey, long FatherKey, int BirthDay, byte Sex, long Certificate, string? Name, int Division, RowOrigin Origin);

public record struct DeathRow(int DeathDay, int Division, RowOrigin Origin);

/// <summary>Auto layout: the fields are packed without the padding their declared order would need (32 bytes, not 40).</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
public record struct EnrolmentRow(short Scheme, int PoolingArea, PersonType PersonType, EnrolmentStatus Status,
    int StartDay, int EndDay, long Certificate, RowOrigin Origin)
{
    public readonly bool ActiveOn(int day) => Status == EnrolmentStatus.Active && StartDay <= day && EndDay >= day;
    public readonly bool Overlaps(int first, int last) => StartDay <= last && EndDay >= first;
}

public record struct ContributionRow(short Scheme, bool PaidByPerson, int Period, int PaidDay, int PoolingArea, RowOrigin Origin);

public record struct JobRow(bool IsStart, int Day, int PoolingArea, RowOrigin Origin);

public record struct MembershipRow(AssistedGroup Group, int FromDay, int ToDay, int Division, RowOrigin Origin);

/// <summary>A student on a roster; key 0 when the roster has no ID (matched on guardian, birth date, sex and name).</summary>
public record struct StudentRow(long GuardianKey, int BirthDay, byte Sex, string Name, string SchoolYear, int SchoolDivision, RowOrigin Origin);

public record struct TransferRow(string TransferId, short Scheme, int FromArea, int ToArea, TransferStatus Status, int AppliedDay, int CompletedDay, RowOrigin Origin);
