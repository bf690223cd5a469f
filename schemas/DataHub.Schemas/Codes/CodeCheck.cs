namespace DataHub.Schemas.Codes;

/// <summary>The outcome of checking one code against its standard: valid, or why not.</summary>
public readonly record struct CodeCheck(bool IsValid, string? Error)
{
    public static CodeCheck Valid => new(true, null);
    public static CodeCheck Fail(string error) => new(false, error);
}
