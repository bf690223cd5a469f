namespace DataHub.Benchmarks;

/// <summary>One benchmark subcommand. Add a class implementing this and list it in <see cref="Program"/>.</summary>
internal interface IBenchmark
{
    /// <summary>The subcommand name, e.g. "ids".</summary>
    string Name { get; }

    /// <summary>One line for the usage text, including the options.</summary>
    string Usage { get; }

    /// <summary>Runs with the arguments after the name; returns the process exit code (0 when the goal was met).</summary>
    int Run(BenchmarkOptions options);
}
