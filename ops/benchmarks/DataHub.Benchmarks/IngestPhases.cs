using System.Diagnostics;
using System.Text;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry.Serdes;
using CsvHelper;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Mapping;
using DataHub.Connectors.Sources;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Avro;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Benchmarks;

/// <summary>The three ways the ingest benchmark moves contributions onto Kafka, each timed end to end.</summary>
internal static class IngestPhases
{
    /// <summary>The shipped contributions layout, aimed at the benchmark's own topic.</summary>
    public static FeedDefinition Feed()
    {
        var feed = FeedDefinitionLoader.Load(Path.Combine(AppContext.BaseDirectory, "feeds", "tax-contributions.yaml"));
        feed.Target.Topic = IngestEnvironment.Topic;
        return feed;
    }

    /// <summary>(a) The hub: the real FeedRunner (hash, read, map and validate, compiled Avro, produce, checkpoints, flush).</summary>
    public static async Task<(long Records, TimeSpan Elapsed, long Published)> HubAsync(IngestEnvironment env, string csv)
    {
        var runner = new FeedRunner(env.Kafka, env.Registry, env.State, NullLogger<FeedRunner>.Instance);
        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync(Feed(), [csv], "benchmark");
        return (result.Read, clock.Elapsed, result.Published);
    }

    /// <summary>The hub's own work without Kafka: read, map and validate, encode (compiled or stock Avro); where the CPU goes.</summary>
    public static async Task<(long Records, TimeSpan Elapsed)> WithoutKafkaAsync(IngestEnvironment env, string csv, bool stockAvro)
    {
        var feed = Feed();
        var schema = SchemaCatalog.Get(feed.Target.Schema);
        IRecordEncoder encoder = stockAvro
            ? new AvroRecordEncoder(env.Registry, schema, IngestEnvironment.Topic)
            : await CompiledAvroEncoder.CreateAsync(env.Registry, schema, IngestEnvironment.Topic);
        var clock = Stopwatch.StartNew();
        using var source = new CsvFileSource(csv, feed.Format.Encoding);
        var mapper = RecordMapper.Compile(feed, schema, source.Columns, "contributions.csv");
        var origin = new SourceOrigin(feed.Name, "contributions.csv", await SourceHash.OfFileAsync(csv, CancellationToken.None));
        long rows = 0, bytes = 0;
        foreach (var row in source.ReadRows(0))
        {
            rows++;
            var mapped = mapper.Map(row);
            if (mapped.IsValid) bytes += encoder.Encode(mapped.Values!, origin, row.Line).Length;
        }
        return (rows, clock.Elapsed);
    }

    /// <summary>
    /// (b) Raw librdkafka: the same messages (key, Confluent-framed Avro value with its origin) serialized up front,
    /// then produced as fast as the producer takes them, with the hub's producer settings, and flushed.
    /// </summary>
    public static async Task<(long Records, TimeSpan Elapsed, TimeSpan Cpu)> RawAsync(IngestEnvironment env, string csv, long records, int pool)
    {
        var messages = await PreSerializeAsync(env, csv, pool);
        using var producer = new ProducerBuilder<byte[], byte[]>(env.Kafka.ProducerConfig()).SetLogHandler((_, _) => { }).Build();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < records; i++)
        {
            var message = messages[(int)(i % messages.Count)];
            while (true)
            {
                try { producer.Produce(IngestEnvironment.Topic, message); break; }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull) { producer.Poll(TimeSpan.FromMilliseconds(10)); }
            }
        }
        producer.Flush(Timeout.InfiniteTimeSpan);
        return (records, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private static async Task<List<Message<byte[], byte[]>>> PreSerializeAsync(IngestEnvironment env, string csv, int pool)
    {
        var feed = Feed();
        var encoder = await CompiledAvroEncoder.CreateAsync(env.Registry, SchemaCatalog.Get(feed.Target.Schema), IngestEnvironment.Topic);
        using var source = new CsvFileSource(csv, feed.Format.Encoding);
        var mapper = RecordMapper.Compile(feed, encoder.Schema, source.Columns, "contributions.csv");
        var origin = new SourceOrigin(feed.Name, "contributions.csv", await SourceHash.OfFileAsync(csv, CancellationToken.None));
        var messages = new List<Message<byte[], byte[]>>(pool);
        foreach (var row in source.ReadRows(0))
        {
            var mapped = mapper.Map(row);
            if (!mapped.IsValid) continue;
            messages.Add(new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(mapped.Key!), Value = encoder.Encode(mapped.Values!, origin, row.Line) });
            if (messages.Count == pool) break;
        }
        return messages;
    }

    /// <summary>
    /// (c) The naive pipeline: CsvHelper record objects, the same mapping and validation, a GenericRecord per row,
    /// the stock Confluent AvroSerializer, and an awaited ProduceAsync per message (default producer settings plus idempotence).
    /// </summary>
    public static async Task<(long Records, TimeSpan Elapsed)> NaiveAsync(IngestEnvironment env, string csv, long records)
    {
        var feed = Feed();
        var schema = SchemaCatalog.Get(feed.Target.Schema);
        using var registry = new Confluent.SchemaRegistry.CachedSchemaRegistryClient(new Confluent.SchemaRegistry.SchemaRegistryConfig { Url = env.RegistryUrl });
        var serializer = new AvroSerializer<GenericRecord>(registry);
        var config = new ProducerConfig { BootstrapServers = env.Kafka.BootstrapServers, EnableIdempotence = true, Acks = Acks.All };
        using var producer = new ProducerBuilder<string, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using var reader = CsvReader.Create(File.OpenRead(csv), new CsvReaderOptions { HasHeader = true }, leaveOpen: false);
        var origin = new SourceOrigin(feed.Name, "contributions.csv", await SourceHash.OfFileAsync(csv, CancellationToken.None));
        var clock = Stopwatch.StartNew();
        RecordMapper? mapper = null;
        long done = 0, line = 1;
        foreach (var row in reader.GetRecords<ContributionRow>())
        {
            line++;
            mapper ??= RecordMapper.Compile(feed, schema, ContributionRow.Columns, "contributions.csv");
            var mapped = mapper.Map(new SourceRow(line, row.Fields()));
            if (mapped.IsValid)
            {
                var record = new GenericRecord(schema);
                for (var i = 1; i < mapped.Values!.Length; i++) record.Add(i, mapped.Values[i]);
                record.Add(0, origin.ToRecord(schema, line));
                var value = await serializer.SerializeAsync(record, new SerializationContext(MessageComponentType.Value, IngestEnvironment.Topic));
                await producer.ProduceAsync(IngestEnvironment.Topic, new Message<string, byte[]> { Key = mapped.Key!, Value = value });
            }
            if (++done == records) break;
        }
        return (done, clock.Elapsed);
    }
}

/// <summary>A contributions row as CsvHelper record reading maps it (properties named after the header; mapper source-generated).</summary>
[CsvRecord]
public sealed partial class ContributionRow
{
    public static readonly string[] Columns = ContributionCsv.Header.Split(',');

    public string 身份证号 { get; set; } = "";
    public string 缴费主体 { get; set; } = "";
    public string 单位信用代码 { get; set; } = "";
    public string 险种 { get; set; } = "";
    public string 费款所属期 { get; set; } = "";
    public string 缴费金额 { get; set; } = "";
    public string 缴费日期 { get; set; } = "";
    public string 统筹区 { get; set; } = "";

    public string[] Fields() => [身份证号, 缴费主体, 单位信用代码, 险种, 费款所属期, 缴费金额, 缴费日期, 统筹区];
}
