using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataHub.Tests.Web;

/// <summary>A browser-like API client: a cookie jar and the antiforgery token sent as X-CSRF-TOKEN on state changes.</summary>
public sealed class WebSession(string url) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
    {
        BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60),
    };

    public string? Csrf { get; private set; }

    public async Task<HttpResponseMessage> LoginAsync(string user, string password)
    {
        Csrf = (await _http.GetFromJsonAsync<JsonElement>("/api/csrf")).GetProperty("token").GetString();
        var response = await PostAsync("/api/login", new { userName = user, password });
        if (response.IsSuccessStatusCode)
            Csrf = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrf").GetString();
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await _http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, bool withCsrf = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (withCsrf && Csrf is not null) request.Headers.Add("X-CSRF-TOKEN", Csrf);
        return _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
