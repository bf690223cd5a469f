namespace DataHub.Hub.Registry;

/// <summary>A registry request refused, with Confluent Schema Registry's HTTP status and error code.</summary>
public sealed class SchemaRegistryError(int status, int errorCode, string message) : Exception(message)
{
    public int Status { get; } = status;
    public int ErrorCode { get; } = errorCode;

    public static SchemaRegistryError SubjectNotFound(string subject) => new(404, 40401, $"Subject '{subject}' not found.");
    public static SchemaRegistryError VersionNotFound(string subject, string version) =>
        new(404, 40402, $"Version {version} not found for subject '{subject}'.");
    public static SchemaRegistryError SchemaNotFound(string detail = "Schema not found") => new(404, 40403, detail);
    public static SchemaRegistryError SubjectNotSoftDeleted(string subject) =>
        new(404, 40405, $"Subject '{subject}' was not deleted first before being permanently deleted");
    public static SchemaRegistryError SubjectLevelConfigNotFound(string subject) =>
        new(404, 40408, $"Subject '{subject}' does not have subject-level compatibility configured");
    public static SchemaRegistryError InvalidSchema(string detail) => new(422, 42201, detail);
    public static SchemaRegistryError InvalidVersion(string version) =>
        new(422, 42202, $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    public static SchemaRegistryError InvalidCompatibilityLevel(string? level) =>
        new(422, 42203, $"Invalid compatibility level '{level}'. Valid values are NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE");
    public static SchemaRegistryError Incompatible(string subject, IEnumerable<string> details) =>
        new(409, 409, $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join("; ", details)}]");
    public static SchemaRegistryError BadRequest(string detail) => new(400, 400, detail);
}
