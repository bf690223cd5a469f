using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Engine;

/// <summary>
/// Finds the resident ID of a child a record names without one: by birth certificate number in the
/// registered births, else by a parent's ID + birth date + sex, with the name deciding between siblings
/// (twins) when it is given. Ambiguous matches stay unresolved rather than guessed.
/// </summary>
public sealed class ChildMatcher(RegistrySet registries)
{
    public long ByCertificate(long certificate) =>
        certificate != 0 && registries.BirthsByCertificate.TryGetValue(certificate, out var row) ? registries.Births.Keys[row] : 0;

    public long ByParent(long parent, int birthDay, byte sex, string? name)
    {
        if (parent == 0 || !registries.BirthsByParent.TryGetValue(new ParentKey(parent, birthDay, sex), out var rows)) return 0;
        if (!string.IsNullOrWhiteSpace(name))
        {
            long named = 0;
            foreach (var row in rows)
            {
                if (!string.Equals(registries.Births.Rows[row].Name, name, StringComparison.Ordinal)) continue;
                if (named != 0 && named != registries.Births.Keys[row]) return 0;
                named = registries.Births.Keys[row];
            }
            if (named != 0) return named;
        }
        var first = registries.Births.Keys[rows[0]];
        foreach (var row in rows)
            if (registries.Births.Keys[row] != first) return 0;
        return first;
    }
}
