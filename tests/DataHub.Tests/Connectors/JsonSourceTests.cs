using System.Text;
using DataHub.Connectors.Sources;

namespace DataHub.Tests.Connectors;

/// <summary>The json (streamed array) and ndjson readers: nested paths, record indexes, errors with positions.</summary>
public sealed class JsonSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("datahub-json-").FullName;

    [Fact]
    public void Array_elements_are_read_across_buffer_refills_with_their_1_based_index()
    {
        // ~2.5 MB: many 64 KiB refills, and a 300 KB element larger than the first buffer.
        var path = Write("big.json", "[" + string.Join(",\n", Enumerable.Range(1, 20_000).Select(i =>
            i == 777 ? "{\"person\": {\"id\": \"" + i + "\", \"note\": \"" + new string('n', 300_000) + "\"}}"
                     : "{\"person\": {\"id\": \"" + i + "\", \"tags\": [1, 2]}, \"flag\": true, \"n\": 1.50}")) + "]");
        using var source = new JsonArrayFileSource(path, ["person.id", "flag", "n", "person.tags", "missing.path"]);

        var rows = source.ReadRows(0).ToList();

        Assert.Equal(20_000, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Problem));
        Assert.Equal(Enumerable.Range(1, 20_000).Select(i => (long)i), rows.Select(r => r.Line));
        Assert.Equal(Enumerable.Range(1, 20_000).Select(i => i.ToString()), rows.Select(r => r.Fields[0]));
        Assert.Equal(["2", "true", "1.50", "[1, 2]", ""], rows[1].Fields);
        Assert.Equal(["777", "", "", "", ""], rows[776].Fields);
    }

    [Fact]
    public void Array_resumes_after_a_checkpointed_index()
    {
        var path = Write("five.json", "[" + string.Join(",", Enumerable.Range(1, 5).Select(i => $$"""{"id": {{i}}}""")) + "]");
        using var source = new JsonArrayFileSource(path, ["id"]);
        Assert.Equal(["4", "5"], source.ReadRows(3).Select(r => r.Fields[0]));
    }

    [Fact]
    public void Array_syntax_error_reports_its_line_and_stops_after_the_good_elements()
    {
        var path = Write("broken.json", "[\n {\"id\": 1},\n {\"id\": 2},\n {\"id\": 3 \"x\": 4},\n {\"id\": 5}\n]");
        using var source = new JsonArrayFileSource(path, ["id"]);

        var rows = source.ReadRows(0).ToList();

        Assert.Equal(["1", "2"], rows.Take(2).Select(r => r.Fields[0]));
        var error = Assert.Single(rows.Skip(2));
        Assert.Equal(3, error.Line);
        Assert.Contains("invalid JSON at line 4", error.Problem);
        Assert.Contains("the rest of the file", error.Problem);
    }

    [Fact]
    public void A_dotted_property_name_wins_over_a_nested_path()
    {
        var path = Write("dots.ndjson", """{"person.id": "flat", "person": {"id": "nested"}}""" + "\n" + """{"person": {"id": "nested"}}""");
        using var source = new NdjsonFileSource(path, ["person.id"]);
        Assert.Equal(["flat", "nested"], source.ReadRows(0).Select(r => r.Fields[0]));
    }

    [Fact]
    public void Ndjson_keeps_line_numbers_over_blank_lines_and_crlf()
    {
        var path = Write("lines.ndjson", "{\"id\": \"a\"}\r\n\r\n{\"id\": \"b\"}\r\n{\"id\": \"c\"}");
        using var source = new NdjsonFileSource(path, ["id"]);
        Assert.Equal([(1L, "a"), (3L, "b"), (4L, "c")], source.ReadRows(0).Select(r => (r.Line, r.Fields[0])));
        using var resumed = new NdjsonFileSource(path, ["id"]);
        Assert.Equal(["c"], resumed.ReadRows(3).Select(r => r.Fields[0]));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
