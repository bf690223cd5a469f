using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.City;

// The records a synthetic city is made of, one type per department record. Persons are packed keys (0 = no ID
// in that record); dates are day numbers. Sinks turn them into department files or straight into registries.

public readonly record struct CityPerson(long Key, string Name, byte Sex, int BirthDay, int County)
{
    /// <summary>Born in the 1900s: old registries may still hold the 15-digit form of the ID.</summary>
    public bool HasLegacyForm => Keys.Date(BirthDay).Year < 2000;
}

public readonly record struct CityBirth(CityPerson Child, long MotherKey, long FatherKey, long Certificate, int RegisteredDay);
public readonly record struct CityDeath(CityPerson Person, int DeathDay, int CancelledDay);
public readonly record struct CityMove(CityPerson Person, bool In, int FromDivision, int ToDivision, int MoveDay, int RegisteredDay);
public readonly record struct CityMembership(CityPerson Person, AssistedGroup Group, int FromDay, int ToDay, bool LegacyId);
public readonly record struct CityContribution(CityPerson Person, bool PaidByPerson, int Employer, short Scheme, int Period, int PaidDay, int PoolingArea, bool LegacyId);
public readonly record struct CityJob(CityPerson Person, bool IsStart, int Employer, int Day, int PoolingArea, string? Reason, int RecordedDay, bool LegacyId);
public readonly record struct CityStudent(CityPerson Student, bool WithId, long GuardianKey, int SchoolDivision, int School, int Grade, string SchoolYear, int RosterDay);
public readonly record struct CityEnrolment(long EnrolmentNo, CityPerson Person, bool WithId, long Certificate, short Scheme, int PoolingArea,
    PersonType PersonType, EnrolmentStatus Status, int StartDay, int EndDay, int Employer);
public readonly record struct CityTransfer(long TransferNo, CityPerson Person, short Scheme, int FromArea, int ToArea, TransferStatus Status, int AppliedDay, int CompletedDay);

/// <summary>A gap the city was built to contain: the ground truth the engine is measured against.</summary>
public sealed record ExpectedGap(string Person, string Rule, string Period, string Match);

/// <summary>Receives one generation chunk's records. Called from one thread per chunk.</summary>
public interface ICitySink : IDisposable
{
    void Birth(in CityBirth r);
    void Death(in CityDeath r);
    void Move(in CityMove r);
    void Membership(in CityMembership r);
    void Contribution(in CityContribution r);
    void Job(in CityJob r);
    void Student(in CityStudent r);
    void Enrolment(in CityEnrolment r);
    void Transfer(in CityTransfer r);
}
