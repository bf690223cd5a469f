// A downstream subscriber of DataHub topics, small enough to copy: subscribe with your own consumer
// group, decode every value from its registered Avro schema with the stock Confluent deserializer,
// print one JSON line per event, commit, and stop after a quiet period (or run forever with --idle 0).
//
//   dotnet run --project hub/DataHub.SampleConsumer -- --bootstrap HOST:PORT --registry URL \
//       --topic mi.invoice.issued.v1 --topic mi.invoice.voided.v1 [--group my-team] [--idle 10] \
//       [--config security.protocol=SASL_SSL …] [--registry-auth USER:PASSWORD]      (--help for more)
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using DataHub.SampleConsumer;

var options = ConsumerArguments.Parse(args);
if (options is null) return args is ["--help"] or ["-h"] ? 0 : 2;

using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig
{
    Url = options.Registry,
    BasicAuthUserInfo = options.RegistryAuth,
    BasicAuthCredentialsSource = options.RegistryAuth is null ? null : AuthCredentialsSource.UserInfo,
});
using var consumer = new ConsumerBuilder<string, GenericRecord>(new ConsumerConfig(new Dictionary<string, string>(options.Client))
    {
        BootstrapServers = options.Bootstrap,
        GroupId = options.Group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = true,
    })
    .SetValueDeserializer(new AvroDeserializer<GenericRecord>(registry).AsSyncOverAsync())
    .SetLogHandler((_, _) => { })   // librdkafka's retries would flood standard error; problems are reported below
    .Build();
if (ClusterCheck.Problem(consumer.Handle, options.Bootstrap, options.Topics) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 3;
}
consumer.Subscribe(options.Topics);

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var decoded = 0;
var lastEvent = DateTime.UtcNow;
try
{
    while (!stop.IsCancellationRequested)
    {
        var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
        if (result is null)
        {
            if (options.IdleSeconds > 0 && decoded > 0 && DateTime.UtcNow - lastEvent > TimeSpan.FromSeconds(options.IdleSeconds)) break;
            if (options.IdleSeconds > 0 && decoded == 0 && DateTime.UtcNow - lastEvent > TimeSpan.FromSeconds(options.IdleSeconds * 3)) break;
            continue;
        }
        Console.WriteLine(EventJson.Line(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value));
        decoded++;
        lastEvent = DateTime.UtcNow;
    }
}
catch (ConsumeException e)
{
    // A value that cannot be decoded says why (e.g. the registry at --registry did not answer).
    var cause = "";
    for (var inner = e.InnerException; inner is not null; inner = inner.InnerException) cause += $": {inner.Message}";
    Console.Error.WriteLine($"could not read {e.ConsumerRecord?.TopicPartitionOffset}: {e.Error.Reason}{cause}");
    return 1;
}
finally
{
    consumer.Close();
}
Console.Error.WriteLine($"decoded {decoded} events from {string.Join(", ", options.Topics)} in group {options.Group}");
return 0;
