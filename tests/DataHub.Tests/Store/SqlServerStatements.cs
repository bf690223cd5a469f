using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using DataHub.Hub.Store.SqlServer;

namespace DataHub.Tests.Store;

/// <summary>
/// Finds the SQL Server store's T-SQL by inspection, so a statement added later cannot escape the parse test:
/// every string constant of the DataHub.Hub.Store.SqlServer namespace, every migration script, and every
/// string literal the namespace's compiled code loads (constants are inlined at their use, so an inline
/// statement shows up here too).
/// </summary>
public static partial class SqlServerStatements
{
    private static readonly Assembly HubAssembly = typeof(SqlServerDatabase).Assembly;
    private static readonly string Namespace = typeof(SqlServerDatabase).Namespace!;

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|IF|DECLARE|EXEC|WITH|TRUNCATE)\b", RegexOptions.IgnoreCase)]
    public static partial Regex LooksLikeSql();

    private static IEnumerable<Type> NamespaceTypes() =>
        HubAssembly.GetTypes().Where(t => t.Namespace == Namespace);

    /// <summary>Name → text of every const string in the namespace (but the pieces of <see cref="Fragments"/>), and of every migration.</summary>
    public static IReadOnlyDictionary<string, string> Declared()
    {
        var all = Constants(type => !IsFragmentClass(type));
        foreach (var migration in SqlServerMigrations.All) all[$"migration {migration.Number} ({migration.Name})"] = migration.Script;
        return all;
    }

    /// <summary>Name → text of the pieces of the [SqlFragments] classes, which are composed into statements (their tests parse every composition).</summary>
    public static IReadOnlyDictionary<string, string> Fragments() => Constants(IsFragmentClass);

    private static bool IsFragmentClass(Type type) => type.GetCustomAttribute<SqlFragmentsAttribute>() is not null;

    private static Dictionary<string, string> Constants(Func<Type, bool> of)
    {
        var all = new Dictionary<string, string>();
        foreach (var type in NamespaceTypes().Where(of))
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                if (field is { IsLiteral: true } && field.FieldType == typeof(string))
                    all[$"{type.Name}.{field.Name}"] = (string)field.GetRawConstantValue()!;
        return all;
    }

    /// <summary>Every string literal loaded (ldstr) by any method of the namespace, compiler-generated state machines included.</summary>
    public static IReadOnlyList<(string Method, string Literal)> LoadedLiterals()
    {
        var found = new List<(string, string)>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in NamespaceTypes())
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                if (method.GetMethodBody()?.GetILAsByteArray() is { } il)
                    foreach (var token in StringTokens(il))
                        found.Add(($"{type.FullName}.{method.Name}", method.Module.ResolveString(token)));
        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static IEnumerable<int> StringTokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            var op = OpCodesByValue[value];
            i += op.Size;
            if (op.OperandType == OperandType.InlineString) yield return BitConverter.ToInt32(il, i);
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }
}
