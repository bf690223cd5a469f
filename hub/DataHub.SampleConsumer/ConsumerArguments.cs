namespace DataHub.SampleConsumer;

/// <summary>The sample consumer's command line (kept dependency-free so the program is easy to copy).</summary>
/// <remarks><see cref="Client"/>: librdkafka settings passed through (SASL, TLS…); <see cref="RegistryAuth"/>: the registry's basic-auth user:password.</remarks>
public sealed record ConsumerArguments(string Bootstrap, string Registry, IReadOnlyList<string> Topics, string Group, int IdleSeconds,
    IReadOnlyDictionary<string, string> Client, string? RegistryAuth)
{
    public const string UsageText =
        "usage: DataHub.SampleConsumer --bootstrap HOST:PORT --registry URL --topic TOPIC [--topic TOPIC…] [--group GROUP] [--idle SECONDS]\n" +
        "                              [--config LIBRDKAFKA_KEY=VALUE…] [--registry-auth USER:PASSWORD]\n" +
        "  Subscribes with its own consumer group (default sample-consumer-<machine>) from the earliest offset, decodes every\n" +
        "  value with the stock Confluent Avro deserializer and prints one JSON line per event; stops after --idle seconds\n" +
        "  without events (default 10; 0 runs until Ctrl+C). --config passes client settings through, e.g.\n" +
        "  --config security.protocol=SASL_SSL --config sasl.mechanism=PLAIN --config sasl.username=… --config sasl.password=….\n" +
        "  Exit codes: 0 done, 1 a value could not be read, 2 bad arguments, 3 no broker answered or a topic is not on the cluster.";

    public static ConsumerArguments? Parse(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(UsageText);
            return null;
        }
        string? bootstrap = null, registry = null, group = null, registryAuth = null;
        var topics = new List<string>();
        var client = new Dictionary<string, string>();
        var idle = 10;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--config" when args[i + 1].IndexOf('=') > 0:
                    client[args[i + 1][..args[i + 1].IndexOf('=')]] = args[i + 1][(args[i + 1].IndexOf('=') + 1)..];
                    break;
                case "--config": return Usage($"--config needs LIBRDKAFKA_KEY=VALUE, not '{args[i + 1]}'");
                case "--registry-auth": registryAuth = args[i + 1]; break;
                case "--bootstrap": bootstrap = args[i + 1]; break;
                case "--registry": registry = args[i + 1]; break;
                case "--topic": topics.Add(args[i + 1]); break;
                case "--group": group = args[i + 1]; break;
                case "--idle" when int.TryParse(args[i + 1], out var seconds) && seconds >= 0: idle = seconds; break;
                case "--idle": return Usage($"--idle needs a whole number of seconds (0 or more), not '{args[i + 1]}'");
                default: return Usage($"unknown argument {args[i]}");
            }
        }
        if (args.Length % 2 != 0) return Usage($"{args[^1]} needs a value");
        if (bootstrap is null || registry is null || topics.Count == 0) return Usage("--bootstrap, --registry and at least one --topic are required");
        return new ConsumerArguments(bootstrap, registry, topics, group ?? $"sample-consumer-{Environment.MachineName}", idle, client, registryAuth);
    }

    private static ConsumerArguments? Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine(UsageText);
        return null;
    }
}
