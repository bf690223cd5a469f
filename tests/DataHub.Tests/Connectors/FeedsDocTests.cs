using DataHub.Connectors.Definitions;
using DataHub.Connectors.Validation;
using DataHub.Tests.Support;

namespace DataHub.Tests.Connectors;

/// <summary>docs/feeds.md is the feed author's only guide: every format, rule and top-level key the checker accepts is in it.</summary>
public class FeedsDocTests
{
    private static readonly string Doc = File.ReadAllText(RepoPaths.Under("docs", "feeds.md"));

    public static TheoryData<string> Formats => [.. FeedDefinitionChecker.Formats];

    public static TheoryData<string> Rules => [.. FieldRule.Known];

    public static TheoryData<string> TopLevelKeys => [.. typeof(FeedDefinition).GetProperties()
        .Where(p => p.CanWrite && p.Name != nameof(FeedDefinition.DefinitionPath))
        .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_type_is_documented(string format) => Assert.Contains($"`{format}`", Doc);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_is_documented(string rule) =>
        Assert.Contains($"| `{rule.Replace("|", "\\|")}` |", Doc);

    [Theory]
    [MemberData(nameof(TopLevelKeys))]
    public void Every_top_level_key_is_documented(string key) =>
        Assert.True(Doc.Contains($"| `{key}` |") || Doc.Contains($"| `{key}`,") || Doc.Contains($"| `{key}.") || Doc.Contains($", `{key}` |"), $"key '{key}' is not in docs/feeds.md");
}
