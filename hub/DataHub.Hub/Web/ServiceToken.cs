using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataHub.Hub.Web;

/// <summary>The configured token automation sends as <c>Authorization: Bearer …</c> (Serve:ApiToken; none = no token accepted).</summary>
public sealed class ServiceTokenOptions : AuthenticationSchemeOptions
{
    public const int MinimumLength = 32;
    public string? Token { get; set; }
}

/// <summary>
/// Signs in a request that carries the configured service token, as the role <see cref="WebRoles.Service"/>. One shared
/// secret compared in constant time is all a cron job or CI step needs; issuing and checking JWTs (JwtBearer) would
/// add a token service for no gain here. A request without the header is left to the cookie scheme.
/// </summary>
public sealed class ServiceTokenHandler(IOptionsMonitor<ServiceTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ServiceTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "service-token";
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        if (string.IsNullOrEmpty(Options.Token) || !SameSecret(header[Prefix.Length..].Trim(), Options.Token))
            return Task.FromResult(AuthenticateResult.Fail("the bearer token is not the configured Serve:ApiToken"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, WebRoles.Service), new Claim(ClaimTypes.Role, WebRoles.Service)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>Compares hashes so neither the length nor a prefix of the secret shows in the timing.</summary>
    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>Whether the request was signed in by the token (no ambient credential, so no cross-site request forgery to guard against).</summary>
    public static bool SignedInByToken(ClaimsPrincipal user) => user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == SchemeName);
}
