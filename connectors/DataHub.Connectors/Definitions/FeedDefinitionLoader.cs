using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DataHub.Connectors.Definitions;

/// <summary>Reads a feed definition YAML file and checks it, reporting every error with its line.</summary>
public static class FeedDefinitionLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static FeedDefinition Load(string path)
    {
        if (!File.Exists(path))
            throw new FeedDefinitionException([new DefinitionError(path, 0, "file not found")]);
        return Parse(File.ReadAllText(path), Path.GetFullPath(path));
    }

    /// <summary>Parses and checks definition text; <paramref name="file"/> names it in errors.</summary>
    public static FeedDefinition Parse(string yaml, string file)
    {
        FeedDefinition? definition;
        YamlLineIndex lines;
        try
        {
            lines = new YamlLineIndex(yaml);
            definition = Yaml.Deserialize<FeedDefinition>(yaml);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            throw new FeedDefinitionException([new DefinitionError(file, (int)e.Start.Line, Clean(message))]);
        }
        if (definition is null)
            throw new FeedDefinitionException([new DefinitionError(file, 0, "the file is empty")]);
        definition.DefinitionPath = file;

        var errors = FeedDefinitionChecker.Check(definition)
            .Select(e => new DefinitionError(file, lines.LineOf(e.Path), e.Message))
            .ToList();
        if (errors.Count > 0) throw new FeedDefinitionException(errors);
        return definition;
    }

    private static string Clean(string message) =>
        message.Replace("Property '", "unknown key '", StringComparison.Ordinal)
               .Replace("' not found on type 'DataHub.Connectors.Definitions.", "' in ", StringComparison.Ordinal);
}
