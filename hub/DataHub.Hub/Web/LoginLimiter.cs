using System.Threading.RateLimiting;

namespace DataHub.Hub.Web;

/// <summary>
/// Login attempts per client address and user name: 5 a minute, then 429. A partitioned limiter from
/// System.Threading.RateLimiting (what ASP.NET Core's rate limiting middleware uses), called from the login
/// handler because the partition needs the user name from the request body, which the middleware cannot read.
/// </summary>
public sealed class LoginLimiter : IDisposable
{
    public const int PermitsPerMinute = 5;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    public bool TryAcquire(string? remote, string userName)
    {
        using var lease = _limiter.AttemptAcquire($"{remote}|{userName.ToLowerInvariant()}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
