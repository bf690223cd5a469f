namespace DataHub.Hub.Store.SqlServer;

/// <summary>Every T-SQL statement of <see cref="SqlServerWebUserStore"/> and <see cref="SqlServerAuditLog"/> (parameterised; tests parse each one).</summary>
public static class WebSql
{
    /// <summary>Replaces role, region and password of a known user (created_at stays), else inserts, under a range lock.</summary>
    public const string UpsertUser = """
        UPDATE dbo.web_user WITH (UPDLOCK, SERIALIZABLE) SET role = @role, region = @region, password_hash = @hash
        WHERE user_name = @user;
        IF @@ROWCOUNT = 0
            INSERT INTO dbo.web_user (user_name, role, region, password_hash, created_at) VALUES (@user, @role, @region, @hash, @created);
        """;

    public const string FindUser = """
        SELECT u.user_name, u.role, u.region, u.password_hash, u.created_at FROM dbo.web_user AS u WHERE u.user_name = @user;
        """;

    public const string AllUsers = """
        SELECT u.user_name, u.role, u.region, u.password_hash, u.created_at FROM dbo.web_user AS u ORDER BY u.user_name;
        """;

    public const string WriteAudit = """
        INSERT INTO dbo.web_audit (at, user_name, role, action, case_id, reason, detail, remote)
        VALUES (@at, @user, @role, @action, @case, @reason, @detail, @remote);
        """;

    /// <summary>Newest first below @before; every filter is optional (NULL).</summary>
    public const string ReadAudit = """
        SELECT TOP (@limit) w.id, w.at, w.user_name, w.role, w.action, w.case_id, w.reason, w.detail, w.remote
        FROM dbo.web_audit AS w
        WHERE (@action IS NULL OR w.action = @action) AND (@user IS NULL OR w.user_name = @user) AND (@before IS NULL OR w.id < @before)
        ORDER BY w.id DESC;
        """;
}
