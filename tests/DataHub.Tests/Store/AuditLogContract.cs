using DataHub.Hub.Web;

namespace DataHub.Tests.Store;

/// <summary>What every <see cref="IAuditLog"/> must do; a subclass per store runs it on an empty store.</summary>
public abstract class AuditLogContract
{
    protected abstract IAuditLog Audit { get; }

    private static readonly DateTimeOffset At = new(2026, 11, 3, 8, 30, 15, 123, TimeSpan.Zero);

    [StoreFact]
    public void Rows_are_read_back_newest_first_with_every_field()
    {
        Audit.Write("officer", WebRoles.Officer, "login", null, null, null, "127.0.0.1", At);
        Audit.Write("officer", WebRoles.Officer, "reveal", "GC-0123456789ABCDEF", "家属来电核实", "resident ID and name", "::1", At.AddSeconds(1));
        Audit.Write("", "", "login-failed", null, null, null, null, At.AddSeconds(2));

        var rows = Audit.Read(null, null, null, 100);
        Assert.Equal(["login-failed", "reveal", "login"], rows.Select(r => r.Action));
        Assert.True(rows[0].Id > rows[1].Id && rows[1].Id > rows[2].Id);
        Assert.Equal(new AuditEntry(rows[1].Id, At.AddSeconds(1), "officer", WebRoles.Officer, "reveal", "GC-0123456789ABCDEF", "家属来电核实", "resident ID and name", "::1"), rows[1]);
        Assert.Equal(new AuditEntry(rows[0].Id, At.AddSeconds(2), "", "", "login-failed", null, null, null, null), rows[0]);
    }

    [StoreFact]
    public void Rows_are_filtered_by_action_and_user_and_paged_below_an_id()
    {
        for (var i = 0; i < 6; i++)
            Audit.Write(i % 2 == 0 ? "officer" : "supervisor", WebRoles.Officer, i % 3 == 0 ? "export-csv" : "reveal", null, null, $"row {i}", null, At.AddSeconds(i));

        Assert.Equal(["row 4", "row 2", "row 0"], Audit.Read(null, "officer", null, 100).Select(r => r.Detail));
        Assert.Equal(["row 3", "row 0"], Audit.Read("export-csv", null, null, 100).Select(r => r.Detail));
        Assert.Equal(["row 0"], Audit.Read("export-csv", "officer", null, 100).Select(r => r.Detail));
        Assert.Empty(Audit.Read("export-xlsx", null, null, 100));

        var first = Audit.Read(null, null, null, 4);
        Assert.Equal(["row 5", "row 4", "row 3", "row 2"], first.Select(r => r.Detail));
        Assert.Equal(["row 1", "row 0"], Audit.Read(null, null, first[^1].Id, 4).Select(r => r.Detail));
        Assert.Equal(["row 3", "row 0"], Audit.Read("export-csv", null, first[1].Id, 4).Select(r => r.Detail));
    }

    [StoreFact]
    public void The_page_size_is_held_between_one_and_five_hundred()
    {
        for (var i = 0; i < 3; i++) Audit.Write("officer", WebRoles.Officer, "login", null, null, null, null, At.AddSeconds(i));
        Assert.Single(Audit.Read(null, null, null, 0));
        Assert.Single(Audit.Read(null, null, null, -5));
        Assert.Equal(3, Audit.Read(null, null, null, 10_000).Count);
    }
}
