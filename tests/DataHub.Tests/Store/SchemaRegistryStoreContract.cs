using DataHub.Hub.Registry;

namespace DataHub.Tests.Store;

/// <summary>What every <see cref="ISchemaRegistryStore"/> must do; a subclass per store runs it. Subjects are unique per test.</summary>
public abstract class SchemaRegistryStoreContract
{
    protected abstract ISchemaRegistryStore Store { get; }

    private readonly string _prefix = "contract-" + Guid.NewGuid().ToString("N")[..12];
    private string Subject(string name) => $"{_prefix}-{name}-value";
    private string Canonical(string name) => $$"""{"type":"record","name":"{{_prefix.Replace('-', '_')}}_{{name}}","fields":[]}""";

    [StoreFact]
    public void A_canonical_form_has_one_id_and_keeps_its_first_text()
    {
        var id = Store.GetOrAddSchema(Canonical("a"), "{ \"type\": \"record\" /* as given */ }");
        Assert.Equal(id, Store.GetOrAddSchema(Canonical("a"), "other text, same canonical form"));
        Assert.NotEqual(id, Store.GetOrAddSchema(Canonical("b"), "b"));
        Assert.Equal("{ \"type\": \"record\" /* as given */ }", Store.GetSchemaText(id));
        Assert.Null(Store.GetSchemaText(int.MaxValue));
    }

    [StoreFact]
    public void Subject_versions_count_from_one_and_are_found_by_schema()
    {
        var a = Store.GetOrAddSchema(Canonical("a"), "a");
        var b = Store.GetOrAddSchema(Canonical("b"), "b");
        Assert.Equal(new SubjectVersion(Subject("x"), 1, a, false), Store.AddVersion(Subject("x"), a));
        Assert.Equal(new SubjectVersion(Subject("x"), 2, b, false), Store.AddVersion(Subject("x"), b));
        Assert.Equal(1, Store.AddVersion(Subject("y"), a).Version);

        Assert.Equal([1, 2], Store.GetVersions(Subject("x"), includeDeleted: false).Select(v => v.Version));
        Assert.Equal([(Subject("x"), 1), (Subject("y"), 1)], Store.GetVersionsOfSchema(a, includeDeleted: false).Select(v => (v.Subject, v.Version)));
        Assert.Empty(Store.GetVersions(Subject("none"), includeDeleted: true));
    }

    [StoreFact]
    public void Deleting_a_subject_is_soft_first_then_permanent()
    {
        var a = Store.GetOrAddSchema(Canonical("a"), "a");
        Store.AddVersion(Subject("x"), a);
        Store.AddVersion(Subject("x"), a);
        Store.AddVersion(Subject("y"), a);

        Assert.Equal([1, 2], Store.DeleteSubject(Subject("x"), permanent: false));
        Assert.Equal([Subject("y")], Mine(Store.GetSubjects(includeDeleted: false)));
        Assert.Equal([Subject("x"), Subject("y")], Mine(Store.GetSubjects(includeDeleted: true)));
        Assert.Empty(Store.GetVersions(Subject("x"), includeDeleted: false));
        Assert.All(Store.GetVersions(Subject("x"), includeDeleted: true), v => Assert.True(v.Deleted));

        Assert.Equal([1, 2], Store.DeleteSubject(Subject("x"), permanent: true));
        Assert.Empty(Store.GetVersions(Subject("x"), includeDeleted: true));
        Assert.Empty(Store.DeleteSubject(Subject("x"), permanent: true));
    }

    [StoreFact]
    public void Compatibility_is_set_overwritten_and_cleared_per_subject()
    {
        Assert.Null(Store.GetCompatibility(Subject("x")));
        Store.SetCompatibility(Subject("x"), "BACKWARD");
        Store.SetCompatibility(Subject("x"), "FULL_TRANSITIVE");
        Assert.Equal("FULL_TRANSITIVE", Store.GetCompatibility(Subject("x")));
        Assert.Null(Store.GetCompatibility(Subject("y")));
        Store.SetCompatibility(Subject("x"), null);
        Assert.Null(Store.GetCompatibility(Subject("x")));
    }

    private List<string> Mine(IEnumerable<string> subjects) => subjects.Where(s => s.StartsWith(_prefix, StringComparison.Ordinal)).ToList();
}
