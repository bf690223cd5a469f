using System.Security.Cryptography;

namespace DataHub.Hub.Pipeline;

/// <summary>Identifies a source file by its content (SHA-256), so a renamed copy is recognised as the same source.</summary>
public static class SourceHash
{
    public static async Task<string> OfFileAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return Convert.ToHexStringLower(hash);
    }
}
