using DataHub.Hub.Web;
using Microsoft.AspNetCore.Identity;

namespace DataHub.Tests.Store;

/// <summary>What every <see cref="IWebUserStore"/> must do; a subclass per store runs it on an empty store.</summary>
public abstract class WebUserStoreContract
{
    protected abstract IWebUserStore Users { get; }

    private const string Password = "correct horse battery staple";
    private static readonly DateTimeOffset At = new(2026, 11, 3, 8, 30, 15, 123, TimeSpan.Zero);

    [StoreFact]
    public void A_user_is_saved_found_by_exact_name_and_listed_in_ordinal_order()
    {
        Users.Upsert("officer", WebRoles.Officer, "320100", Password, At);
        Users.Upsert("Zhang", WebRoles.Supervisor, "320000", Password, At.AddMinutes(1));
        Users.Upsert("审计员", WebRoles.Auditor, "320000", Password, At.AddMinutes(2));

        var officer = Users.Find("officer")!;
        Assert.Equal(("officer", WebRoles.Officer, "320100", At), (officer.UserName, officer.Role, officer.Region, officer.CreatedAt));
        Assert.Null(Users.Find("Officer")); // names are case-sensitive
        Assert.Null(Users.Find("nobody"));
        Assert.Equal(["Zhang", "officer", "审计员"], Users.All().Select(u => u.UserName));
        Assert.Equal(WebRoles.Auditor, Users.Find("审计员")!.Role);
    }

    [StoreFact]
    public void Saving_a_known_user_replaces_role_region_and_password_and_keeps_when_they_were_created()
    {
        Users.Upsert("officer", WebRoles.Officer, "320100", Password, At);
        Users.Upsert("officer", WebRoles.Supervisor, "320000", "a different long password", At.AddDays(1));

        var saved = Assert.Single(Users.All());
        Assert.Equal(("officer", WebRoles.Supervisor, "320000", At), (saved.UserName, saved.Role, saved.Region, saved.CreatedAt));
        Assert.Null(Users.Verify("officer", Password));
        Assert.Equal(WebRoles.Supervisor, Users.Verify("officer", "a different long password")?.Role);
    }

    [StoreFact]
    public void Passwords_are_kept_only_as_salted_hashes_that_verify_the_right_password()
    {
        var first = Users.Upsert("officer", WebRoles.Officer, "320100", Password, At);
        var second = Users.Upsert("officer-wuxi", WebRoles.Officer, "320200", Password, At);

        var stored = Users.Find("officer")!;
        Assert.Equal(first.PasswordHash, stored.PasswordHash);
        Assert.DoesNotContain(Password, stored.PasswordHash);
        Assert.NotEqual(stored.PasswordHash, Users.Find("officer-wuxi")!.PasswordHash); // a salt per user
        Assert.NotEqual(first.PasswordHash, second.PasswordHash);
        // ASP.NET Core Identity's format, so a hash moves between stores unchanged.
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<WebUser>().VerifyHashedPassword(stored, stored.PasswordHash, Password));

        Assert.Equal("officer", Users.Verify("officer", Password)?.UserName);
        Assert.Null(Users.Verify("officer", Password + "!"));
        Assert.Null(Users.Verify("officer", ""));
        Assert.Null(Users.Verify("nobody", Password));
    }

    [StoreFact]
    public void A_user_that_breaks_a_rule_is_refused_with_the_rule_named_and_not_saved()
    {
        Assert.StartsWith("user name", Assert.Throws<ArgumentException>(() => Users.Upsert(" ", WebRoles.Officer, "320100", Password, At)).Message);
        Assert.StartsWith("user name", Assert.Throws<ArgumentException>(() => Users.Upsert(new string('x', 65), WebRoles.Officer, "320100", Password, At)).Message);
        Assert.StartsWith("role", Assert.Throws<ArgumentException>(() => Users.Upsert("u", "root", "320100", Password, At)).Message);
        Assert.StartsWith("role", Assert.Throws<ArgumentException>(() => Users.Upsert("u", WebRoles.Service, "320100", Password, At)).Message);
        Assert.StartsWith("region", Assert.Throws<ArgumentException>(() => Users.Upsert("u", WebRoles.Officer, "999999", Password, At)).Message);
        Assert.StartsWith("password", Assert.Throws<ArgumentException>(() => Users.Upsert("u", WebRoles.Officer, "320100", "short", At)).Message);
        Assert.Empty(Users.All());
    }
}
