using System.Text.RegularExpressions;
using DataHub.Connectors.Definitions;
using DataHub.Tests.Support;

namespace DataHub.Tests.Connectors;

/// <summary>
/// docs/feed-formats.md is the contract a department writes its files from: every shipped CSV feed has its section,
/// and every code word it lists (人员类别 特困人员→`extreme-poverty` …) is translated and accepted by that feed.
/// </summary>
public partial class FeedFormatsDocTests
{
    private static readonly string Doc = File.ReadAllText(RepoPaths.Under("docs", "feed-formats.md"));

    private static IEnumerable<FeedDefinition> ShippedCsvFeeds() =>
        Directory.GetFiles(RepoPaths.Under("connectors", "feeds"), "*.yaml", SearchOption.AllDirectories)
            .Select(FeedDefinitionLoader.Load).Where(f => f.Source.Kind == "file" && f.Format.Type == "csv");

    [Fact]
    public void Every_shipped_csv_feed_has_its_section()
    {
        var missing = ShippedCsvFeeds().Select(f => f.Name).Where(n => !Doc.Contains($"\n## {n} — ")).ToList();
        Assert.True(missing.Count == 0, $"not in docs/feed-formats.md: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_listed_code_word_is_translated_and_accepted_by_its_feed()
    {
        var wrong = new List<string>();
        foreach (var feed in ShippedCsvFeeds())
        {
            var start = Doc.IndexOf($"\n## {feed.Name} — ", StringComparison.Ordinal);
            if (start < 0) continue;
            var end = Doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            var section = end < 0 ? Doc[start..] : Doc[start..end];
            foreach (var row in section.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
            {
                var cells = row.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length < 5 || !feed.Fields.TryGetValue(cells[2], out var field)) continue;
                var oneOf = field.Rules.FirstOrDefault(r => r.StartsWith("oneOf:", StringComparison.Ordinal))?["oneOf:".Length..].Split('|');
                foreach (Match m in CodeWord().Matches(cells[4]))
                {
                    var (word, code) = (m.Groups[1].Value, m.Groups[2].Value);
                    if (field.Map?.GetValueOrDefault(word) != code) wrong.Add($"{feed.Name}.{cells[2]}: {word} is not mapped to {code}");
                    if (oneOf is not null && !oneOf.Contains(code)) wrong.Add($"{feed.Name}.{cells[2]}: {code} is listed but rejected (oneOf {string.Join("|", oneOf)})");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [GeneratedRegex(@"([^\s,;]+)→`([^`]+)`")]
    private static partial Regex CodeWord();
}
