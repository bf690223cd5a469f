using System.Globalization;
using System.Text.Json;

namespace DataHub.Connectors.Sources;

/// <summary>
/// Picks the columns a feed names out of one JSON object. A column is a property name, or a dotted
/// path into nested objects (<c>person.id</c>); a property whose own name contains the dot wins.
/// Strings come as they are, numbers and booleans as their JSON text, objects and arrays as raw JSON,
/// null and missing properties as empty.
/// </summary>
public static class JsonColumns
{
    public const string NotUtf8 = "bytes are not valid UTF-8 (JSON must be UTF-8; is this a GB18030 export?)";

    public static string[] Extract(JsonElement record, IReadOnlyList<string> columns)
    {
        var fields = new string[columns.Count];
        for (var i = 0; i < fields.Length; i++)
            fields[i] = Find(record, columns[i]) is { } value ? Text(value) : "";
        return fields;
    }

    private static JsonElement? Find(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        if (element.TryGetProperty(path, out var direct)) return direct;
        var dot = path.IndexOf('.');
        if (dot <= 0 || !element.TryGetProperty(path[..dot], out var child)) return null;
        return Find(child, path[(dot + 1)..]);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };

    /// <summary>"line L, byte B" for a reader exception, with the lines before the reader's buffer added.</summary>
    public static string Where(JsonException e, long linesBefore) =>
        e.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"line {linesBefore + line + 1}, byte {(e.BytePositionInLine ?? 0) + 1} of that line")
            : "an unknown position";

    /// <summary>The first sentence of a System.Text.Json message (drops its "Path: … | LineNumber: …" tail).</summary>
    public static string Reason(JsonException e) => e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
}
