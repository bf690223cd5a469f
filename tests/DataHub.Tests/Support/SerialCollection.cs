namespace DataHub.Tests.Support;

/// <summary>
/// Tests that measure process-wide figures (allocated bytes, peak working set) run alone, after the
/// parallel ones: other tests' allocations would otherwise count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "measured alone";
}
