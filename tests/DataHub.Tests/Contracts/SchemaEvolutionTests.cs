using DataHub.Tests.Support;
using System.Text.Json.Nodes;
using DataHub.Schemas.Avro;

namespace DataHub.Tests.Contracts;

/// <summary>Every current schema against its last release (schemas/released), and the faults that check must catch.</summary>
public class SchemaEvolutionTests
{
    private static (string Current, string Released) Folders => SchemaRelease.Folders(RepoPaths.Root);

    [Fact]
    public void Every_schema_is_backward_compatible_with_its_released_version()
    {
        var problems = SchemaRelease.Check(Folders.Current, Folders.Released);
        Assert.True(problems.Count == 0, "schemas/avro breaks the last release:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_schema_has_been_released()
    {
        var released = SchemaRelease.Schemas(Folders.Released).Keys.ToHashSet();
        var unreleased = SchemaRelease.Schemas(Folders.Current).Keys.Where(k => !released.Contains(k)).ToList();
        Assert.True(unreleased.Count == 0, $"not in schemas/released (run `datahub schemas release`): {string.Join(", ", unreleased)}");
    }

    private static string Released(string name) => File.ReadAllText(Path.Combine(Folders.Released, name + ".avsc"));

    private static string Edit(string name, Action<JsonArray> editFields)
    {
        var schema = JsonNode.Parse(Released(name))!.AsObject();
        editFields(schema["fields"]!.AsArray());
        return schema.ToJsonString();
    }

    [Fact]
    public void A_new_field_without_a_default_is_caught_naming_the_field()
    {
        var candidate = Edit("household/move", f => f.Add(new JsonObject { ["name"] = "moveChannel", ["type"] = "string" }));
        var messages = SchemaRelease.Compare(candidate, Released("household/move"));
        Assert.Equal(["field 'cn.datahub.household.HouseholdMove.moveChannel' was added without a default"], messages);
    }

    [Fact]
    public void A_string_field_changed_to_int_is_caught_naming_the_field()
    {
        var candidate = Edit("household/move", f => f.Single(x => (string)x!["name"]! == "direction")!["type"] = "int");
        var message = Assert.Single(SchemaRelease.Compare(candidate, Released("household/move")));
        Assert.Contains("'cn.datahub.household.HouseholdMove.direction'", message);
        Assert.Contains("string to int", message);
    }

    [Fact]
    public void An_enum_symbol_removed_is_caught_naming_the_field()
    {
        static JsonObject Kind(params string[] symbols) => new()
        {
            ["name"] = "kind",
            ["type"] = new JsonObject { ["type"] = "enum", ["name"] = "MoveKind", ["symbols"] = new JsonArray(symbols.Select(s => (JsonNode)s).ToArray()) },
            ["default"] = symbols[0],
        };
        var withEnum = Edit("household/move", f => f.Add(Kind("IN", "OUT", "WITHIN")));
        var symbolRemoved = Edit("household/move", f => f.Add(Kind("IN", "OUT")));
        var message = Assert.Single(SchemaRelease.Compare(symbolRemoved, withEnum));
        Assert.Contains("'cn.datahub.household.HouseholdMove.kind'", message);
        Assert.Contains("symbol 'WITHIN' was removed", message);
    }

    [Fact]
    public void Adding_an_optional_field_with_a_default_passes()
    {
        var candidate = Edit("household/move", f => f.Add(new JsonObject { ["name"] = "note", ["type"] = new JsonArray("null", "string"), ["default"] = null }));
        Assert.Empty(SchemaRelease.Compare(candidate, Released("household/move")));
    }

    [Fact]
    public void Release_refuses_an_incompatible_folder_and_copies_a_compatible_one()
    {
        var root = Path.Combine(Path.GetTempPath(), "datahub-release-" + Guid.NewGuid().ToString("N"));
        var (current, released) = (Path.Combine(root, "avro"), Path.Combine(root, "released"));
        try
        {
            Directory.CreateDirectory(Path.Combine(current, "household"));
            Directory.CreateDirectory(Path.Combine(released, "household"));
            File.WriteAllText(Path.Combine(released, "household", "move.avsc"), Released("household/move"));
            File.WriteAllText(Path.Combine(current, "household", "move.avsc"),
                Edit("household/move", f => f.Add(new JsonObject { ["name"] = "moveChannel", ["type"] = "string" })));

            var refused = Assert.Throws<SchemaReleaseException>(() => SchemaRelease.Release(current, released));
            Assert.Contains("moveChannel", refused.Message);
            Assert.Equal(Released("household/move"), File.ReadAllText(Path.Combine(released, "household", "move.avsc")));

            var compatible = Edit("household/move", f => f.Add(new JsonObject { ["name"] = "note", ["type"] = new JsonArray("null", "string"), ["default"] = null }));
            File.WriteAllText(Path.Combine(current, "household", "move.avsc"), compatible);
            Assert.Equal(["household/move"], SchemaRelease.Release(current, released));
            Assert.Equal(compatible, File.ReadAllText(Path.Combine(released, "household", "move.avsc")));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
