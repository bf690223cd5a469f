namespace DataHub.Reconciliation.Engine;

/// <summary>
/// A gap as the hot path finds it: the person's packed key (0 when only a stand-in key exists), the row
/// of the rule's driving source that shows it, and how the person was matched. No strings: the text and
/// evidence are rendered by <see cref="IGapRule.Describe"/> only for the gaps that become cases.
/// </summary>
public readonly record struct GapHit(long Person, int Row, MatchKind Match);

/// <summary>One reconciliation rule: a small class named for what it finds.</summary>
public interface IGapRule
{
    /// <summary>The rule identifier the gap cases and events carry (see <see cref="RuleIds"/>).</summary>
    string Id { get; }

    /// <summary>Finds the gaps: walks the sources in key order and adds one hit per gap.</summary>
    void Find(RuleContext context, List<GapHit> hits);

    /// <summary>
    /// Renders one hit as a gap with its identity, summary and evidence (feed, file, line, dates). Rules render
    /// in parallel with each other (as they find), so this only reads the context.
    /// </summary>
    Gap Describe(RuleContext context, GapHit hit);
}
