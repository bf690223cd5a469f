namespace DataHub.Tests.Support;

/// <summary>
/// Tests that run the hub in child processes and push a large file through them (crash resume, two-instance
/// takeover): run one after the other, so they do not starve each other of the machine's two cores (both read
/// back hundreds of thousands of records within fixed time limits). Other tests still run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildProcessCollection
{
    public const string Name = "child processes";
}
