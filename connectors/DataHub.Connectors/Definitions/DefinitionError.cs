namespace DataHub.Connectors.Definitions;

/// <summary>One problem in a feed definition file, with the line it is on (0 when unknown).</summary>
public sealed record DefinitionError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>Thrown when a feed definition cannot be used; carries every problem found.</summary>
public sealed class FeedDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
