using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Avro;
using DataHub.Tests.Support;

namespace DataHub.Tests.Connectors;

/// <summary>Every shipped feed definition loads, and its shipped sample maps without a rejection (except the documented bad rows).</summary>
public sealed class ShippedFeedsTests
{
    public static TheoryData<string> Definitions()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "feeds"), "*.yaml", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "feeds"), file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Shipped_feed_loads_and_its_sample_maps(string definition)
    {
        var feed = ShippedFeeds.Load(definition);
        var files = SourceFiles.Resolve(feed);
        Assert.NotEmpty(files);

        long rows = 0;
        var rejected = new List<string>();
        foreach (var file in files)
        {
            using var source = SourceReaderFactory.Open(feed, file);
            var mapper = DataHub.Connectors.Mapping.RecordMapper.Compile(feed, SchemaCatalog.Get(feed.Target.Schema), source.Columns, Path.GetFileName(file));
            foreach (var row in source.ReadRows(0))
            {
                rows++;
                var mapped = mapper.Map(row);
                if (!mapped.IsValid) rejected.Add($"{Path.GetFileName(file)}:{row.Line} {mapped.Error}");
            }
        }
        Assert.True(rows > 0, $"{definition}: its sample has no rows");
        // The births sample carries three documented bad rows (connectors/samples/public-security/births/README.md).
        var expectedRejections = definition.Replace('\\', '/') == "public-security/births.yaml" ? 3 : 0;
        Assert.True(rejected.Count == expectedRejections, $"{definition}: {string.Join("; ", rejected)}");
    }
}
