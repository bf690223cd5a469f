namespace DataHub.SampleConsumer;

/// <summary>The sample consumer's command line (kept dependency-free so the program is easy to copy).</summary>
public sealed record ConsumerArguments(string Bootstrap, string Registry, IReadOnlyList<string> Topics, string Group, int IdleSeconds)
{
    public static ConsumerArguments? Parse(string[] args)
    {
        string? bootstrap = null, registry = null, group = null;
        var topics = new List<string>();
        var idle = 10;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--bootstrap": bootstrap = args[i + 1]; break;
                case "--registry": registry = args[i + 1]; break;
                case "--topic": topics.Add(args[i + 1]); break;
                case "--group": group = args[i + 1]; break;
                case "--idle" when int.TryParse(args[i + 1], out var seconds): idle = seconds; break;
                default: return Usage($"unknown argument {args[i]}");
            }
        }
        if (bootstrap is null || registry is null || topics.Count == 0) return Usage("--bootstrap, --registry and at least one --topic are required");
        return new ConsumerArguments(bootstrap, registry, topics, group ?? $"sample-consumer-{Environment.MachineName}", idle);
    }

    private static ConsumerArguments? Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine("usage: DataHub.SampleConsumer --bootstrap HOST:PORT --registry URL --topic TOPIC [--topic TOPIC…] [--group GROUP] [--idle SECONDS]");
        return null;
    }
}
