using System.Data.Common;
using System.Text.Json;

namespace DataHub.Hub.Reconciliation;

/// <summary>The gap-event outbox's rows (seq, event JSON) as either store reads them, kept to the people a caller owns.</summary>
internal static class OutboxRows
{
    public static List<(long Seq, GapCaseEvent Event)> Read(DbDataReader reader, Func<string, bool>? ownsPerson)
    {
        var list = new List<(long, GapCaseEvent)>();
        while (reader.Read())
        {
            var e = JsonSerializer.Deserialize<GapCaseEvent>(reader.GetString(1))!;
            if (ownsPerson is null || ownsPerson(e.Person)) list.Add((reader.GetInt64(0), e));
        }
        return list;
    }
}
