using DataHub.Connectors.Definitions;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Service;

/// <summary>The feed definitions the server can run, by name, loaded once at start from Serve:FeedsDirectory.</summary>
public sealed class FeedCatalog
{
    private readonly Dictionary<string, FeedDefinition> _feeds = new(StringComparer.Ordinal);

    public FeedCatalog(string directory, ILogger<FeedCatalog> logger)
    {
        Directory = directory;
        if (!System.IO.Directory.Exists(directory))
        {
            logger.LogWarning("Feeds: folder {Directory} does not exist; no feed can be run", directory);
            return;
        }
        foreach (var file in System.IO.Directory.GetFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                var feed = FeedDefinitionLoader.Load(file);
                if (!_feeds.TryAdd(feed.Name, feed))
                    logger.LogError("Feeds: {File} is named {Name}, like {Other}; it is ignored", file, feed.Name, _feeds[feed.Name].DefinitionPath);
            }
            catch (FeedDefinitionException e)
            {
                logger.LogError("Feeds: {File} is not loaded: {Errors}", file, string.Join("; ", e.Errors));
            }
        }
        logger.LogInformation("Feeds: {Count} definition(s) from {Directory}", _feeds.Count, directory);
    }

    public string Directory { get; }
    public IReadOnlyCollection<FeedDefinition> All => _feeds.Values;
    public FeedDefinition? Find(string name) => _feeds.GetValueOrDefault(name);
}
