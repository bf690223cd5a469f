using Confluent.Kafka;
using DataHub.Hub.Reconciliation;

namespace DataHub.Hub.ScaleOut;

/// <summary>
/// The share of the work one hub instance holds: the person partitions it reconciles and the registry
/// topic-partitions it materialises (both from its consumer group's assignment), or the whole registry
/// for a single instance (`datahub reconcile`, `accuracy`).
/// </summary>
public sealed class ReconcileScope
{
    private ReconcileScope(IReadOnlySet<int> partitions, IReadOnlySet<TopicPartition>? materialise, bool whole, int generation)
    {
        Partitions = partitions;
        Materialise = materialise;
        IsWhole = whole;
        Generation = generation;
    }

    /// <summary>Every partition: one instance does all the work.</summary>
    public static ReconcileScope Whole { get; } =
        new(Enumerable.Range(0, PersonPartitioner.PartitionCount).ToHashSet(), null, true, 0);

    /// <summary>The person partitions reconciled here.</summary>
    public IReadOnlySet<int> Partitions { get; }

    /// <summary>The registry topic-partitions materialised here; null = every one.</summary>
    public IReadOnlySet<TopicPartition>? Materialise { get; }

    public bool IsWhole { get; }

    /// <summary>Bumped by every rebalance, so a run can tell that its share changed under it.</summary>
    public int Generation { get; }

    public bool IsEmpty => Partitions.Count == 0;

    public static ReconcileScope Of(IEnumerable<int> partitions, IEnumerable<TopicPartition>? materialise = null, int generation = 0)
    {
        var set = partitions.ToHashSet();
        if (set.Any(p => p < 0 || p >= PersonPartitioner.PartitionCount))
            throw new ArgumentOutOfRangeException(nameof(partitions), $"person partitions are 0..{PersonPartitioner.PartitionCount - 1}");
        // By default an instance materialises the same-numbered partitions of the person-keyed topics; the rest
        // (other instances' partitions, the employers' register) reach the store through their owners or RegistryCatchUp.
        var whole = set.Count == PersonPartitioner.PartitionCount && materialise is null;
        materialise ??= RegistryTopics.PersonKeyed.SelectMany(t => set.Select(p => new TopicPartition(t, p)));
        return new ReconcileScope(set, whole ? null : materialise.ToHashSet(), whole, generation);
    }

    /// <summary>Whether this instance owns the case of <paramref name="person"/> (resident ID or stand-in).</summary>
    public bool OwnsCasePerson(string person) => IsWhole || Partitions.Contains(PersonPartitioner.OfCasePerson(person));

    public bool MaterialisesHere(string topic, int partition) => Materialise is null || Materialise.Contains(new TopicPartition(topic, partition));

    /// <summary>This scope less the partitions <paramref name="now"/> no longer holds (a rebalance during a run).</summary>
    public ReconcileScope Intersect(ReconcileScope now) =>
        IsWhole && now.IsWhole ? this : Of(Partitions.Where(now.Partitions.Contains), Materialise?.Where(tp => now.MaterialisesHere(tp.Topic, tp.Partition)), now.Generation);

    public override string ToString() => IsWhole ? "all partitions" : $"partitions {string.Join(",", Partitions.Order())}";
}

/// <summary>Tells a run which share of the work this instance holds right now.</summary>
public interface IPartitionOwner
{
    ReconcileScope Current { get; }
}

/// <summary>A single instance: the whole registry, always.</summary>
public sealed class WholeRegistryOwner : IPartitionOwner
{
    public static WholeRegistryOwner Instance { get; } = new();
    public ReconcileScope Current => ReconcileScope.Whole;
}

/// <summary>A fixed share (`datahub reconcile --partitions 0,1,2`, tests).</summary>
public sealed class FixedPartitionOwner(ReconcileScope scope) : IPartitionOwner
{
    public ReconcileScope Current => scope;
}
