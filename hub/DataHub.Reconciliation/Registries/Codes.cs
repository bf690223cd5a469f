namespace DataHub.Reconciliation.Registries;

/// <summary>Enrolment status (参保状态) as a byte in the columnar tables.</summary>
public enum EnrolmentStatus : byte { Active = 1, Suspended = 2, Terminated = 3 }

/// <summary>Person type (人员类别) of an enrolment.</summary>
public enum PersonType : byte { Employee = 1, Retiree, Flexible, Resident, Student, Newborn, Assisted }

/// <summary>Assisted groups (资助参保人群).</summary>
public enum AssistedGroup : byte { ExtremePoverty = 1, MinimumLiving, LowIncome, RelapseMonitored, Orphan, UnsupportedChild, SevereDisability }

/// <summary>Transfer status (办理状态).</summary>
public enum TransferStatus : byte { Applied = 1, InProgress, Completed, Rejected }

/// <summary>The codes the Avro records carry, to and from the byte enums above.</summary>
public static class RegistryCodes
{
    public const short EmployeeScheme = 310;
    public const short ResidentScheme = 390;

    public static EnrolmentStatus Status(string code) => code switch
    {
        "active" => EnrolmentStatus.Active, "suspended" => EnrolmentStatus.Suspended, "terminated" => EnrolmentStatus.Terminated,
        _ => throw new FormatException($"unknown enrolment status '{code}'"),
    };

    public static string Code(this EnrolmentStatus s) => s switch
    {
        EnrolmentStatus.Active => "active", EnrolmentStatus.Suspended => "suspended", _ => "terminated",
    };

    private static readonly string[] PersonTypeCodes = ["", "employee", "retiree", "flexible", "resident", "student", "newborn", "assisted"];
    private static readonly string[] GroupCodes = ["", "extreme-poverty", "minimum-living", "low-income", "relapse-monitored", "orphan", "unsupported-child", "severe-disability"];
    private static readonly string[] TransferCodes = ["", "applied", "in-progress", "completed", "rejected"];

    public static PersonType PersonType(string code) => (PersonType)IndexOf(PersonTypeCodes, code, "person type");
    public static string Code(this PersonType t) => PersonTypeCodes[(int)t];
    public static AssistedGroup Group(string code) => (AssistedGroup)IndexOf(GroupCodes, code, "assisted group");
    public static string Code(this AssistedGroup g) => GroupCodes[(int)g];
    public static TransferStatus Transfer(string code) => (TransferStatus)IndexOf(TransferCodes, code, "transfer status");
    public static string Code(this TransferStatus t) => TransferCodes[(int)t];

    private static int IndexOf(string[] codes, string code, string what)
    {
        var i = Array.IndexOf(codes, code);
        return i > 0 ? i : throw new FormatException($"unknown {what} '{code}'");
    }
}
