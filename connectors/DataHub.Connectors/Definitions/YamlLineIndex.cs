using YamlDotNet.RepresentationModel;

namespace DataHub.Connectors.Definitions;

/// <summary>Maps dotted paths in a YAML document (e.g. "fields.sex.rules") to the line they start on.</summary>
internal sealed class YamlLineIndex
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public YamlLineIndex(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count > 0) Walk(stream.Documents[0].RootNode, "");
    }

    /// <summary>The line of the path, or of its nearest known parent.</summary>
    public int LineOf(string path)
    {
        for (var p = path; ; p = p[..p.LastIndexOf('.')])
        {
            if (_lines.TryGetValue(p, out var line)) return line;
            if (!p.Contains('.')) return 0;
        }
    }

    private void Walk(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var child = path.Length == 0 ? key.ToString() : $"{path}.{key}";
                    _lines[child] = (int)key.Start.Line;
                    Walk(value, child);
                }
                break;
            case YamlSequenceNode seq:
                var i = 0;
                foreach (var item in seq.Children)
                {
                    var child = $"{path}.{i++}";
                    _lines[child] = (int)item.Start.Line;
                    Walk(item, child);
                }
                break;
        }
    }
}
