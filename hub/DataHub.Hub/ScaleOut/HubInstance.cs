namespace DataHub.Hub.ScaleOut;

/// <summary>This process as the run history, the work queue and the group name it: host and process ID.</summary>
public static class HubInstance
{
    public static string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}
