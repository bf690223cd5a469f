using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace DataHub.Hub.Web;

/// <summary>
/// The officers' gap-report web app inside `datahub serve`: cookie sign-in, role and region checks on every route,
/// antiforgery tokens (header X-CSRF-TOKEN) on every state change, the JSON API under /api (described at /openapi/v1.json) and the pages at /.
/// </summary>
public static class OfficerWeb
{
    public const string CasesPolicy = "cases";
    public const string AuditPolicy = "audit";
    public const string AdminPolicy = "admin";
    /// <summary>The feed and reconciliation APIs: signed-in admins, or automation with the service token.</summary>
    public const string OperationsPolicy = "operations";
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddOfficerWeb(this IServiceCollection services, string? serviceToken = null)
    {
        services.AddOpenApi(); // the API's description at GET /openapi/v1.json
        services.AddSingleton<OfficerData>();
        services.AddSingleton<LoginLimiter>();
        services.AddAntiforgery(o => { o.HeaderName = CsrfHeader; o.Cookie.Name = "datahub.csrf"; o.Cookie.SameSite = SameSiteMode.Strict; });
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddScheme<ServiceTokenOptions, ServiceTokenHandler>(ServiceTokenHandler.SchemeName, o => o.Token = serviceToken?.Trim());
        authentication.AddCookie(o =>
        {
            o.Cookie.Name = "datahub.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // An API answers 401/403; it does not redirect to a login page.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(CasesPolicy, p => p.RequireRole(WebRoles.Officer, WebRoles.Supervisor))
            .AddPolicy(AuditPolicy, p => p.RequireRole(WebRoles.Auditor))
            .AddPolicy(AdminPolicy, p => p.RequireRole(WebRoles.Admin))
            .AddPolicy(OperationsPolicy, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, ServiceTokenHandler.SchemeName)
                .RequireRole(WebRoles.Admin, WebRoles.Service));
        return services;
    }

    public static WebApplication UseOfficerWeb(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        AuthEndpoints.Map(app);
        CaseEndpoints.Map(app);
        ExportEndpoints.Map(app);
        AdminEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// Rejects a state change without a valid antiforgery token (400) before the handler runs. A request signed in by the
    /// service token is exempt: the token is a header a browser never adds on its own, so no other site can forge it.
    /// </summary>
    public static TBuilder RequireCsrf<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
            if (!ServiceTokenHandler.SignedInByToken(context.HttpContext.User) && !await antiforgery.IsRequestValidAsync(context.HttpContext))
                return Results.BadRequest(new { error = $"missing or invalid antiforgery token (send GET /api/csrf's token in the {CsrfHeader} header)" });
            return await next(context);
        });
}
