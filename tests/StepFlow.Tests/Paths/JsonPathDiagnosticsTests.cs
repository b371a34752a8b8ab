using StepFlow.Json;
using StepFlow.Paths;
using StepFlow.Variables;

namespace StepFlow.Tests.Paths;

public sealed class JsonPathDiagnosticsTests
{
    private static PathScope Scope(string input) => new(JsonValue.Parse(input), JsonValue.Parse("""{"Execution":{"Id":"e"}}"""));

    [Fact]
    public void DescribeInvalidPath_UsesAwsWording_ForAMissingProperty()
    {
        var path = JsonPath.Parse("$.no.such.result.path");

        path.DescribeInvalidPath(Scope("{}")).Should().Be("Invalid path '$.no.such.result.path' : Missing property in path $['no']");
    }

    [Theory]
    [InlineData("$.a.b", "{\"a\":{}}", "Missing property in path $['a']['b']")]
    [InlineData("$.a[5]", "{\"a\":[1,2]}", "Index 5 is out of bounds for an array of length 2 in path $['a'][5]")]
    [InlineData("$.a.b", "{\"a\":\"s\"}", "Expected to find an object with property ['b'] in path $['a'] but found a string")]
    [InlineData("$.a[0]", "{\"a\":{}}", "Expected to find an array with index [0] in path $['a'] but found an object")]
    [InlineData("$$.Execution.Name", "{}", "Missing property in path $['Execution']['Name']")]
    public void DescribeMissing_NamesTheFirstStepThatFailed(string text, string input, string expected)
    {
        JsonPath.Parse(text).DescribeMissing(Scope(input)).Should().Be(expected);
    }

    [Fact]
    public void DescribeMissing_IsNull_WhenThePathSelectsAValue_OrIsIndefinite()
    {
        JsonPath.Parse("$.a").DescribeMissing(Scope("{\"a\":1}")).Should().BeNull();
        JsonPath.Parse("$.a[*]").DescribeMissing(Scope("{}")).Should().BeNull();
    }

    [Fact]
    public void DescribeMissing_UndefinedVariable_SaysSo()
    {
        var scope = new PathScope(JsonObject.Empty, JsonObject.Empty, VariableScope.Empty);

        JsonPath.Parse("$total.x").DescribeMissing(scope).Should().Contain("'total'").And.Contain("not defined");
    }
}
