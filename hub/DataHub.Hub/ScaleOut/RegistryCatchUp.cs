using Confluent.Kafka;
using DataHub.Hub.Reconciliation;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.ScaleOut;

/// <summary>
/// Before an instance reconciles its share, the rows every instance reads (births, certificate enrolments, rows
/// without a person) must be in the store from every partition, so the store must reach the ends the run saw at
/// its start on the partitions other instances materialise. It waits for them; a partition whose store offset
/// makes no progress for <paramref name="stall"/> (its owner is dead, busy or not reconciling now) is
/// materialised here — safe, as the store refuses a batch another reader already stored.
/// </summary>
internal sealed class RegistryCatchUp(IRegistryStore store, Func<Func<string, int, bool>, CancellationToken, MaterialiseResult> materialise,
    TimeSpan stall, ILogger log)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public async Task<MaterialiseResult> RunAsync(IReadOnlyDictionary<TopicPartition, long> targets, CancellationToken ct)
    {
        var read = new Dictionary<string, long>();
        var lost = new List<LostRange>();
        var progress = new Dictionary<TopicPartition, (long Offset, DateTime Since)>();
        var waitingSince = DateTime.UtcNow;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var stored = targets.Keys.Select(tp => tp.Topic).Distinct().ToDictionary(t => t, store.NextOffsets);
            var behind = targets.Where(t => stored[t.Key.Topic].GetValueOrDefault(t.Key.Partition) < t.Value).Select(t => t.Key).ToList();
            if (behind.Count == 0)
            {
                if (DateTime.UtcNow - waitingSince > Poll) log.LogInformation("Registry: every partition is in the store up to the run's start");
                return new MaterialiseResult(read, lost);
            }
            var now = DateTime.UtcNow;
            var stalled = new HashSet<TopicPartition>();
            foreach (var tp in behind)
            {
                var offset = stored[tp.Topic].GetValueOrDefault(tp.Partition);
                if (!progress.TryGetValue(tp, out var seen) || seen.Offset != offset) progress[tp] = (offset, now);
                else if (now - seen.Since >= stall) stalled.Add(tp);
            }
            if (stalled.Count > 0)
            {
                log.LogWarning("Registry: {Partitions} made no progress for {Seconds:N0} s (their instance is gone or not materialising); materialising them here",
                    string.Join(", ", stalled.Select(tp => $"{tp.Topic}[{tp.Partition}]")), stall.TotalSeconds);
                var result = materialise((topic, partition) => stalled.Contains(new TopicPartition(topic, partition)), ct);
                foreach (var (topic, count) in result.RecordsRead) read[topic] = read.GetValueOrDefault(topic) + count;
                lost.AddRange(result.Lost);
                foreach (var tp in stalled) progress.Remove(tp);
                continue;
            }
            await Task.Delay(Poll, ct);
        }
    }
}
