namespace DataHub.Hub.Web;

/// <summary>The officers' web app roles. Officers and supervisors work cases in their region; auditors read the audit log; admins manage users.</summary>
public static class WebRoles
{
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    /// <summary>Automation signed in by the service token (Serve:ApiToken); never a user's role.</summary>
    public const string Service = "service";

    public static IReadOnlyList<string> All { get; } = [Officer, Supervisor, Auditor, Admin];

    public static bool WorksCases(string role) => role is Officer or Supervisor;

    /// <summary>Only a supervisor may export unmasked (with a reason, audited); everyone else exports masked.</summary>
    public static bool MayExportUnmasked(string role) => role == Supervisor;
}

/// <summary>A web app user as stored (the password only as its hash).</summary>
public sealed record WebUser(string UserName, string Role, string Region, string PasswordHash, DateTimeOffset CreatedAt);
