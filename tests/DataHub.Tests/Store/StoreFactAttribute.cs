using Xunit.Abstractions;
using Xunit.Sdk;

namespace DataHub.Tests.Store;

/// <summary>The test class needs an environment variable (e.g. a database connection string); without it its store facts are skipped, with the reason printed.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable, string why) : Attribute
{
    public string Variable { get; } = variable;
    public string Why { get; } = why;
}

/// <summary>
/// A fact of a store contract: it runs for every concrete contract class, and is skipped with a printed reason
/// in a class whose <see cref="RequiresEnvironmentAttribute"/> variable is not set (xunit 2 has no dynamic skip).
/// </summary>
[XunitTestCaseDiscoverer("DataHub.Tests.Store.StoreFactDiscoverer", "DataHub.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = options.MethodDisplayOrDefault();
        var displayOptions = options.MethodDisplayOptionsOrDefault();
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        if (requirement is not null)
        {
            var args = requirement.GetConstructorArguments().Cast<string>().ToArray();
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(args[0])))
                return [new SkippedTestCase(diagnostics, display, displayOptions, testMethod, $"{args[0]} is not set: {args[1]}")];
        }
        return [new XunitTestCase(diagnostics, display, displayOptions, testMethod)];
    }
}

/// <summary>A test case skipped for a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase() { }

    public SkippedTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod method, string reason)
        : base(diagnostics, display, displayOptions, method) => _reason = reason;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        data.AddValue("SkipReasonText", _reason);
        base.Serialize(data);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReasonText");
        base.Deserialize(data);
    }
}
