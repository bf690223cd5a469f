namespace DataHub.Schemas.Topics;

/// <summary>
/// Every topic the hub writes. The embedded cluster is created from this list, `datahub topics`
/// prints it, and docs/topics.md is generated from it.
/// </summary>
public static partial class TopicCatalog
{
    public const string DeadLetters = "mi.deadletter.v1";
    public const string Births = "mi.household.birth.v1";

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    public static IReadOnlyList<TopicDefinition> All { get; } =
    [
        new(Births, "household/birth-registration", "resident ID (18 characters)", 6, false, null,
            "feed public-security.births", ["registry materialiser", "reconciliation"],
            "出生登记 Births registered by public security."),
        new(DeadLetters, "common/dead-letter", "feed name", 3, false, Week,
            "every feed", ["datahub deadletters", "data engineers"],
            "死信 Records a feed rejected, with source, line, field and reason."),
        .. ReconciliationTopics,
    ];

    public static TopicDefinition Get(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"topic '{name}' is not in the catalog (known: {string.Join(", ", All.Select(t => t.Name))})");
}
