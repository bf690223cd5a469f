using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DataHub.Connectors.Definitions;

/// <summary>Reads a feed definition YAML file and checks it, reporting every error with its line.</summary>
public static partial class FeedDefinitionLoader
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

    /// <summary>YamlDotNet names the C# type of an unknown key; a user knows the YAML section and its keys.</summary>
    private static string Clean(string message)
    {
        var unknown = UnknownKey().Match(message);
        if (!unknown.Success) return message;
        var (section, type) = unknown.Groups[2].Value switch
        {
            nameof(SourceDefinition) => ("source", typeof(SourceDefinition)),
            nameof(FormatDefinition) => ("format", typeof(FormatDefinition)),
            nameof(TargetDefinition) => ("target", typeof(TargetDefinition)),
            nameof(FieldDefinition) => ("a field", typeof(FieldDefinition)),
            _ => ("the definition", typeof(FeedDefinition)),
        };
        var keys = type.GetProperties().Where(p => p.CanWrite && p.Name != nameof(FeedDefinition.DefinitionPath))
            .Select(p => CamelCaseNamingConvention.Instance.Apply(p.Name));
        return $"unknown key '{unknown.Groups[1].Value}' in {section} (keys: {string.Join(", ", keys)})";
    }

    [GeneratedRegex(@"^Property '(.*)' not found on type '(?:[\w.]+\.)?(\w+)'\.?$")]
    private static partial Regex UnknownKey();
}
