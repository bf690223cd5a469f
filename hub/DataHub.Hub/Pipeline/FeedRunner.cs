using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Mapping;
using DataHub.Connectors.Sources;
using DataHub.Connectors.Validation;
using DataHub.Hub.Kafka;
using DataHub.Hub.Store;
using DataHub.Hub.Telemetry;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Topics;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Runs a feed over its source files: read → map and validate → Avro → Kafka, bad rows to the
/// dead-letter topic and the store. A file's checkpoint advances only over lines Kafka acknowledged,
/// and a file already completed on this cluster is not published again. <c>code:</c> rules check
/// existence against the tables in <paramref name="codeTables"/> (shared, may be filled by the caller)
/// plus those the feed names under <c>codeTables</c>, which the runner loads into it.
/// </summary>
public sealed class FeedRunner(
    KafkaConnection kafka,
    ISchemaRegistryClient registry,
    IFeedStateStore state,
    ILogger<FeedRunner> logger,
    CodeTableRegistry? codeTables = null,
    HubMetrics? metrics = null)
{
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(500);
    private readonly CodeTableRegistry _codeTables = codeTables ?? new CodeTableRegistry();

    public async Task<FeedRunResult> RunAsync(FeedDefinition feed, IReadOnlyList<string> files, string trigger,
        IProgress<FeedProgress>? progress = null, CancellationToken ct = default)
    {
        foreach (var (key, path) in feed.CodeTables)
            _codeTables.LoadCsv(key, FeedDefinitionChecker.CodeTablePath(feed, path));
        var runId = await state.StartRunAsync(feed.Name, trigger, ct);
        var results = new List<SourceResult>();
        using var activity = HubMetrics.Activities.StartActivity("feed run");
        activity?.SetTag("datahub.feed", feed.Name).SetTag("datahub.run", runId).SetTag("datahub.trigger", trigger);
        var elapsed = Stopwatch.StartNew();
        var status = "failed";
        try
        {
            using var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig())
                .SetLogHandler((_, m) => logger.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message))
                .Build();
            var encoder = new AvroRecordEncoder(registry, SchemaCatalog.Get(feed.Target.Schema));
            var deadLetters = new AvroRecordEncoder(registry, SchemaCatalog.Get(TopicCatalog.Get(TopicCatalog.DeadLetters).ValueSchema));
            foreach (var file in files)
                results.Add(await RunFileAsync(feed, file, producer, encoder, deadLetters, runId, progress, ct));
            var result = new FeedRunResult(feed.Name, runId, results);
            await state.FinishRunAsync(new FeedRun(runId, feed.Name, trigger, default, DateTimeOffset.UtcNow, "succeeded",
                result.Read, result.Published, result.DeadLettered, result.SkippedSources, null), CancellationToken.None);
            status = "succeeded";
            return result;
        }
        catch (Exception e)
        {
            var partial = new FeedRunResult(feed.Name, runId, results);
            if (e is OperationCanceledException) status = "cancelled";
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await state.FinishRunAsync(new FeedRun(runId, feed.Name, trigger, default, DateTimeOffset.UtcNow,
                e is OperationCanceledException ? "cancelled" : "failed", partial.Read, partial.Published,
                partial.DeadLettered, partial.SkippedSources, e.Message), CancellationToken.None);
            throw;
        }
        finally
        {
            metrics?.RunFinished(feed.Name, status, elapsed.Elapsed);
        }
    }

    private async Task<SourceResult> RunFileAsync(FeedDefinition feed, string file, IProducer<string, byte[]> producer,
        AvroRecordEncoder encoder, AvroRecordEncoder deadLetterEncoder, long runId, IProgress<FeedProgress>? progress, CancellationToken ct)
    {
        // A table (incremental source) is keyed by its name and continues from its watermark on every run.
        var incremental = SourceReaderFactory.IsIncremental(feed);
        var hash = incremental ? file : await SourceHash.OfFileAsync(file, ct);
        var name = incremental ? file : Path.GetFileName(file);
        var checkpoint = await state.GetCheckpointAsync(feed.Name, hash, kafka.ClusterIdentity, ct);
        if (checkpoint is { Completed: true } && !incremental)
        {
            logger.LogInformation("{Feed}: {Source} was already published to this cluster ({Lines} lines); skipping", feed.Name, name, checkpoint.LastLine);
            return new SourceResult(name, feed.Target.Topic, 0, 0, 0, true, checkpoint.LastLine);
        }
        var after = checkpoint?.LastLine ?? 0;
        if (after > 0) logger.LogInformation("{Feed}: resuming {Source} after line {Line}", feed.Name, name, after);

        using var source = SourceReaderFactory.Open(feed, file);
        var mapper = RecordMapper.Compile(feed, encoder.Schema, source.Columns, name, _codeTables);
        var tracker = new AckTracker(after);
        var pendingDeadLetters = new List<DeadLetterEntry>();
        var headerFeed = Encoding.UTF8.GetBytes(feed.Name);
        var headerSource = Encoding.UTF8.GetBytes(name);
        var headerHash = Encoding.UTF8.GetBytes(hash);
        long read = 0, published = 0, rejected = 0;
        var sinceCheckpoint = Stopwatch.StartNew();
        var meter = metrics?.ForFeed(feed.Name);

        foreach (var row in source.ReadRows(after))
        {
            ct.ThrowIfCancellationRequested();
            read++;
            var mapped = mapper.Map(row);
            var headers = new Headers
            {
                { "datahub.feed", headerFeed }, { "datahub.source", headerSource },
                { "datahub.source-hash", headerHash }, { "datahub.line", Encoding.ASCII.GetBytes(row.Line.ToString()) },
            };
            if (mapped.IsValid)
            {
                var value = encoder.Encode(mapped.Values!, feed.Target.Topic);
                Produce(producer, tracker, feed.Target.Topic, new Message<string, byte[]> { Key = mapped.Key!, Value = value, Headers = headers }, row.Line);
                published++;
            }
            else
            {
                var entry = DeadLetterFactory.Entry(feed.Name, hash, name, row.Line, mapped.Error!, feed.Target.Topic, runId);
                var value = deadLetterEncoder.Encode(DeadLetterFactory.Values(entry), TopicCatalog.DeadLetters);
                Produce(producer, tracker, TopicCatalog.DeadLetters, new Message<string, byte[]> { Key = feed.Name, Value = value, Headers = headers }, row.Line);
                pendingDeadLetters.Add(entry);
                rejected++;
                logger.LogDebug("{Feed}: {Source} line {Line} rejected: {Field} {Reason}", feed.Name, name, row.Line, entry.Field, entry.Reason);
            }
            if (sinceCheckpoint.Elapsed >= CheckpointEvery)
            {
                await CheckpointAsync(feed, hash, name, tracker, pendingDeadLetters, completed: false, ct);
                meter?.Report(read, published, rejected);
                progress?.Report(new FeedProgress(feed.Name, name, read, published, rejected, source.Progress.Position, source.Progress.Length));
                sinceCheckpoint.Restart();
            }
        }

        tracker.SealAll();
        await FlushAsync(producer, tracker, ct);
        await CheckpointAsync(feed, hash, name, tracker, pendingDeadLetters, completed: true, ct);
        meter?.Report(read, published, rejected);
        progress?.Report(new FeedProgress(feed.Name, name, read, published, rejected, source.Progress.Length, source.Progress.Length));
        logger.LogInformation("{Feed}: {Source}: read {Read}, published {Published}, dead-lettered {Rejected}", feed.Name, name, read, published, rejected);
        return new SourceResult(name, feed.Target.Topic, read, published, rejected, false, after);
    }

    private static void Produce(IProducer<string, byte[]> producer, AckTracker tracker, string topic, Message<string, byte[]> message, long line)
    {
        var chunk = tracker.Sending(line);
        while (true)
        {
            try
            {
                producer.Produce(topic, message, report => tracker.Ack(chunk, report.Error.IsError ? $"{report.Error.Code}: {report.Error.Reason}" : null));
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: the local queue is full until the brokers catch up.
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private static async Task FlushAsync(IProducer<string, byte[]> producer, AckTracker tracker, CancellationToken ct)
    {
        while (!tracker.AllAcknowledged)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(1)), ct);
            if (tracker.FirstError is { } error) throw new KafkaDeliveryException(error);
        }
        if (tracker.FirstError is { } late) throw new KafkaDeliveryException(late);
    }

    private async Task CheckpointAsync(FeedDefinition feed, string hash, string name, AckTracker tracker,
        List<DeadLetterEntry> pendingDeadLetters, bool completed, CancellationToken ct)
    {
        if (tracker.FirstError is { } error) throw new KafkaDeliveryException(error);
        var safe = tracker.SafeLine;
        var acknowledged = pendingDeadLetters.Where(d => d.Line <= safe).ToList();
        await state.AddDeadLettersAsync(acknowledged, ct);
        pendingDeadLetters.RemoveAll(d => d.Line <= safe);
        await state.SaveCheckpointAsync(new SourceCheckpoint(feed.Name, hash, name, kafka.ClusterIdentity, safe, completed, DateTimeOffset.UtcNow), ct);
    }
}

/// <summary>Kafka refused or lost records after the producer's retries: the run stops and its checkpoint stays where it was safe.</summary>
public sealed class KafkaDeliveryException(string error) : Exception($"Kafka did not acknowledge records: {error}");
