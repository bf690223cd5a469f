namespace DataHub.Reconciliation.Engine;

/// <summary>One reconciliation rule: a small class named for what it finds.</summary>
public interface IGapRule
{
    /// <summary>The rule identifier the gap cases and events carry (see <see cref="RuleIds"/>).</summary>
    string Id { get; }

    IEnumerable<Gap> Find(RuleContext context);
}
