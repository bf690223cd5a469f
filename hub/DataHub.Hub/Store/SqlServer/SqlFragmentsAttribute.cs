namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// The const strings of this class are pieces of statements, not statements: its methods compose them (and only them)
/// into whole statements, and the tests parse every composition rather than each piece.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SqlFragmentsAttribute : Attribute;
