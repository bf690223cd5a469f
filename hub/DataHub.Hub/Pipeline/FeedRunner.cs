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
/// dead-letter topic and the store. A file's checkpoint advances only over lines Kafka acknowledged;
/// a file already completed on this cluster is not published again; and a file resumed after a crash
/// first scans its topics from the checkpoint's offsets (<see cref="PublishedLineScanner"/>), so lines
/// acknowledged after the last checkpoint are not published twice. <c>code:</c> rules check existence
/// against the tables in <paramref name="codeTables"/> (shared, may be filled by the caller) plus those
/// the feed names under <c>codeTables</c>, which the runner loads into it.
/// </summary>
public sealed class FeedRunner(
    KafkaConnection kafka,
    ISchemaRegistryClient registry,
    IFeedStateStore state,
    ILogger<FeedRunner> logger,
    CodeTableRegistry? codeTables = null,
    HubMetrics? metrics = null)
{
    /// <summary>
    /// How often a run saves its checkpoint and reports progress. Zero checkpoints after every batch,
    /// which lets a test act at an exact point of a run instead of racing it.
    /// </summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromMilliseconds(500);

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
            var failure = new ProducerFailure();
            using var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig())
                .SetLogHandler((_, m) => logger.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message))
                .SetErrorHandler((_, e) => failure.Observe(e, logger))
                .Build();
            using var scanner = new PublishedLineScanner(kafka, registry, logger);
            var layout = scanner.Layout(feed.Target.Topic, TopicCatalog.DeadLetters);
            var encoder = await RecordEncoders.CreateAsync(registry, SchemaCatalog.Get(feed.Target.Schema), feed.Target.Topic);
            var deadLetters = await RecordEncoders.CreateAsync(registry, SchemaCatalog.Get(TopicCatalog.Get(TopicCatalog.DeadLetters).ValueSchema), TopicCatalog.DeadLetters);
            var output = new RunOutput(producer, encoder, deadLetters, layout, scanner, failure);
            foreach (var file in files)
                results.Add(await RunFileAsync(feed, file, output, runId, progress, ct));
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

    private sealed record RunOutput(IProducer<string, byte[]> Producer, IRecordEncoder Encoder, IRecordEncoder DeadLetters,
        PartitionLayout Layout, PublishedLineScanner Scanner, ProducerFailure Failure)
    {
        public void ThrowIfProducerFailed()
        {
            if (Failure.Fatal is { } error) throw new KafkaDeliveryException(error);
        }
    }

    private async Task<SourceResult> RunFileAsync(FeedDefinition feed, string file, RunOutput output, long runId,
        IProgress<FeedProgress>? progress, CancellationToken ct)
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
        IReadOnlyList<PartitionOffset> resumeFrom;
        HashSet<long> alreadyPublished;
        if (checkpoint is null)
        {
            // Recorded before the first record is sent, so a crash before the first regular checkpoint is recoverable too.
            resumeFrom = output.Scanner.Ends(output.Layout);
            alreadyPublished = [];
            await state.SaveCheckpointAsync(new SourceCheckpoint(feed.Name, hash, name, kafka.ClusterIdentity, 0, false, DateTimeOffset.UtcNow, resumeFrom), ct);
        }
        else
        {
            // A checkpoint from before resume offsets were kept scans the whole topics (offsets default to 0).
            resumeFrom = checkpoint.ResumeFrom ?? [];
            alreadyPublished = await output.Scanner.ScanAsync(output.Layout, resumeFrom, feed.Name, OriginField.SourceIdOf(hash), ct);
            logger.LogInformation("{Feed}: resuming {Source} after line {Line}; {Found} later lines were already acknowledged",
                feed.Name, name, after, alreadyPublished.Count);
        }

        using var source = SourceReaderFactory.Open(feed, file);
        var mapper = RecordMapper.Compile(feed, output.Encoder.Schema, source.Columns, name, _codeTables);
        var tracker = new AckTracker(after, layout: output.Layout, resumeFrom: resumeFrom);
        var sender = new RecordSender(output.Producer, tracker, output.Layout);
        var origin = new SourceOrigin(feed.Name, name, hash);
        var pendingDeadLetters = new List<DeadLetterEntry>();
        long read = 0, published = 0, rejected = 0, recovered = 0;
        var sinceCheckpoint = Stopwatch.StartNew();
        var meter = metrics?.ForFeed(feed.Name);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = RecordPreparer.CreateChannel();
        var preparing = new RecordPreparer(feed, source, mapper, output.Encoder, output.DeadLetters, hash, origin, runId, after, alreadyPublished)
            .RunAsync(channel.Writer, stop.Token);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                output.ThrowIfProducerFailed();
                sender.Send(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    var record = batch.Records[i];
                    read++;
                    if (record.AlreadyAcknowledged) recovered++;
                    if (record.DeadLetter is { } entry)
                    {
                        pendingDeadLetters.Add(entry);
                        rejected++;
                        logger.LogDebug("{Feed}: {Source} line {Line} rejected: {Field} {Reason}", feed.Name, name, entry.Line, entry.Field, entry.Reason);
                    }
                    else published++;
                }
                if (sinceCheckpoint.Elapsed >= CheckpointEvery)
                {
                    await CheckpointAsync(feed, hash, name, tracker, pendingDeadLetters, completed: false, ct);
                    meter?.Report(read, published, rejected);
                    progress?.Report(new FeedProgress(feed.Name, name, read, published, rejected, batch.BytesRead, batch.BytesTotal));
                    sinceCheckpoint.Restart();
                }
            }
        }
        finally
        {
            await stop.CancelAsync(); // the preparer must not wait on a channel nobody reads any more
            await preparing;
        }

        await FlushAsync(output, tracker, ct);
        await CheckpointAsync(feed, hash, name, tracker, pendingDeadLetters, completed: true, ct);
        meter?.Report(read, published, rejected);
        progress?.Report(new FeedProgress(feed.Name, name, read, published, rejected, source.Progress.Length, source.Progress.Length));
        logger.LogInformation("{Feed}: {Source}: read {Read}, published {Published}, dead-lettered {Rejected} ({Recovered} found already acknowledged)",
            feed.Name, name, read, published, rejected, recovered);
        return new SourceResult(name, feed.Target.Topic, read, published, rejected, false, after, recovered);
    }

    private static async Task FlushAsync(RunOutput output, AckTracker tracker, CancellationToken ct)
    {
        while (!tracker.AllAcknowledged)
        {
            ct.ThrowIfCancellationRequested();
            output.ThrowIfProducerFailed();
            await Task.Run(() => output.Producer.Flush(TimeSpan.FromSeconds(1)), ct);
            if (tracker.FirstError is { } error) throw new KafkaDeliveryException(error);
        }
        if (tracker.FirstError is { } late) throw new KafkaDeliveryException(late);
        output.ThrowIfProducerFailed();
    }

    private async Task CheckpointAsync(FeedDefinition feed, string hash, string name, AckTracker tracker,
        List<DeadLetterEntry> pendingDeadLetters, bool completed, CancellationToken ct)
    {
        if (tracker.FirstError is { } error) throw new KafkaDeliveryException(error);
        var safe = tracker.SafeLine;
        var acknowledged = pendingDeadLetters.Where(d => d.Line <= safe).ToList();
        await state.AddDeadLettersAsync(acknowledged, ct);
        pendingDeadLetters.RemoveAll(d => d.Line <= safe);
        await state.SaveCheckpointAsync(new SourceCheckpoint(feed.Name, hash, name, kafka.ClusterIdentity, safe, completed,
            DateTimeOffset.UtcNow, tracker.ResumeFrom), ct);
    }
}

/// <summary>Kafka refused or lost records after the producer's retries: the run stops and its checkpoint stays where it was safe.</summary>
public sealed class KafkaDeliveryException(string error, Exception? inner = null) : Exception($"Kafka did not acknowledge records: {error}", inner);
