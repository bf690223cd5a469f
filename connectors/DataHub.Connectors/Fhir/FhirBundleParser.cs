using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace DataHub.Connectors.Fhir;

/// <summary>The parsed bundle and the parser's complaints per 1-based entry (entry 0: outside any entry).</summary>
internal sealed record ParsedBundle(Bundle Bundle, IReadOnlyDictionary<int, string> EntryIssues);

/// <summary>
/// Parses a FHIR R4 bundle from JSON or XML bytes with the Hl7.Fhir.R4 deserializers. XML is read with DTD
/// processing prohibited and no resolver, so entity-expansion payloads (billion laughs) and external entities
/// are refused before any expansion. Syntax errors are reported with line and position.
/// </summary>
internal static partial class FhirBundleParser
{
    private static readonly DeserializerSettings Settings = new DeserializerSettings().UsingMode(DeserializationMode.Recoverable);
    private static readonly FhirJsonDeserializer Json = new(Settings);
    private static readonly FhirXmlDeserializer Xml = new(Settings);

    public static XmlReaderSettings SafeXmlSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Parses <paramref name="bytes"/>; returns null and sets <paramref name="error"/> when the file is unusable.</summary>
    public static ParsedBundle? Parse(byte[] bytes, out string? error)
    {
        error = null;
        return DetectFormat(bytes) switch
        {
            '{' => ParseJson(bytes, out error),
            '<' => ParseXml(bytes, out error),
            _ => Fail("the file is neither JSON nor XML (it must start with '{' or '<')", out error),
        };
    }

    private static char DetectFormat(byte[] bytes)
    {
        var i = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i < bytes.Length ? (char)bytes[i] : '\0';
    }

    private static ParsedBundle? ParseJson(byte[] bytes, out string? error)
    {
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 };
        try
        {
            using (JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = options.CommentHandling, MaxDepth = options.MaxDepth })) { }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1})" : "";
            return Fail($"invalid JSON{where}: {FirstSentence(e.Message)}", out error);
        }
        var reader = new Utf8JsonReader(bytes, options);
        Json.TryDeserializeResource(ref reader, out var resource, out var issues);
        return ToBundle(resource, issues, out error);
    }

    private static ParsedBundle? ParseXml(byte[] bytes, out string? error)
    {
        try
        {
            // Well-formedness and DTD check first, so a bad file gets the XML parser's own message and position.
            using (var scan = XmlReader.Create(new MemoryStream(bytes), SafeXmlSettings()))
                while (scan.Read()) { }
            using var reader = XmlReader.Create(new MemoryStream(bytes), SafeXmlSettings());
            Xml.TryDeserializeResource(reader, out var resource, out var issues);
            return ToBundle(resource, issues, out error);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"XML with a DTD or entity declarations is refused (entity-expansion protection), line {e.LineNumber}, position {e.LinePosition}: {e.Message}", out error);
        }
        catch (XmlException e)
        {
            return Fail($"invalid XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", out error);
        }
    }

    private static ParsedBundle? ToBundle(Resource? resource, IEnumerable<CodedException>? issues, out string? error)
    {
        error = null;
        var list = issues?.ToList() ?? [];
        if (resource is not Bundle bundle)
        {
            var what = resource is null ? "no resource could be read" : $"the root resource is {resource.TypeName}, not Bundle";
            var detail = list.Count > 0 ? ": " + Describe(list[0]) : "";
            return Fail(what + detail, out error);
        }
        var byEntry = new Dictionary<int, string>();
        foreach (var issue in list)
        {
            var entry = EntryOf(issue);
            byEntry[entry] = byEntry.TryGetValue(entry, out var earlier) ? earlier + "; " + Describe(issue) : Describe(issue);
        }
        return new ParsedBundle(bundle, byEntry);
    }

    /// <summary>The 1-based entry an issue's instance path points into (Bundle.entry[0] is entry 1), or 0.</summary>
    private static int EntryOf(CodedException issue)
    {
        if (issue is not ExtendedCodedException { InstancePath: { } path }) return 0;
        var m = EntryPath().Match(path);
        return m.Success ? int.Parse(m.Groups[1].Value) + 1 : 0;
    }

    private static string Describe(CodedException issue) => issue switch
    {
        ExtendedCodedException x when x.LineNumber is > 0 => $"{x.BaseErrorMessage} (at {x.InstancePath}, line {x.LineNumber}, position {x.Position})",
        ExtendedCodedException x => $"{x.BaseErrorMessage} (at {x.InstancePath})",
        _ => issue.Message,
    };

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];

    private static ParsedBundle? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }

    [GeneratedRegex(@"^Bundle\.entry\[(\d+)\]")]
    private static partial Regex EntryPath();
}
