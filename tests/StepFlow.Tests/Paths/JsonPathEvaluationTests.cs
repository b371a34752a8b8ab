using StepFlow.Json;
using StepFlow.Paths;
using StepFlow.Variables;

namespace StepFlow.Tests.Paths;

public sealed class JsonPathEvaluationTests
{
    private static readonly JsonValue Store = JsonValue.Parse("""
        {"items":["alpha","beta","gamma"],
         "jar":[{"a":1},{"a":5},{"a":7},3,"x",{"b":2}],
         "a":[1,2,3,4],
         "vals":[0,10,20,30,40,50],
         "nested":{"x":{"y":[{"z":1},{"z":2}]}},
         "nums":[1,2,3,4]}
        """);

    [Theory]
    [InlineData("$.items[0]", "\"alpha\"")]
    [InlineData("$.items[-1]", "\"gamma\"")]
    [InlineData("$.nested.x.y[1].z", "2")]
    [InlineData("$['nested']['x']['y'][0]", "{\"z\":1}")]
    [InlineData("$.a[0,1]", "[1,2]")]
    [InlineData("$.vals[-3:]", "[30,40,50]")]
    [InlineData("$.vals[:2]", "[0,10]")]
    [InlineData("$.items[*]", "[\"alpha\",\"beta\",\"gamma\"]")]
    [InlineData("$.jar[?(@.a >= 5)]", "[{\"a\":5},{\"a\":7}]")]
    [InlineData("$.jar[?(@.a)]", "[{\"a\":1},{\"a\":5},{\"a\":7}]")]
    [InlineData("$.jar[?(!@.a)]", "[{\"b\":2}]")]
    [InlineData("$.jar[?(@.a > 1 && @.a < 7)]", "[{\"a\":5}]")]
    [InlineData("$.jar[?(@.a == 1 || @.b == 2)]", "[{\"a\":1},{\"b\":2}]")]
    [InlineData("$.nums[?(@ > 2)]", "[]")]
    [InlineData("$..z", "[1,2]")]
    [InlineData("$.missing[*]", "[]")]
    [InlineData("$.items[0:1]", "[\"alpha\"]")]
    public void TryEvaluate_Asl_UnwrapsDefinitePaths_AndGathersIndefiniteOnes(string text, string expected)
    {
        var path = JsonPath.Parse(text);

        path.TryEvaluate(new PathScope(Store, JsonObject.Empty), out var value).Should().BeTrue();

        value.Should().Be(JsonValue.Parse(expected));
    }

    [Theory]
    [InlineData("$.nums[?@ > 2]", "[3,4]")]
    [InlineData("$.vals[::2]", "[0,20,40]")]
    [InlineData("$.vals[::-2]", "[50,30,10]")]
    [InlineData("$.jar[?length(@) == 1]", "[{\"a\":1},{\"a\":5},{\"a\":7},\"x\",{\"b\":2}]")]
    [InlineData("$.items[?match(@, 'b.*')]", "[\"beta\"]")]
    [InlineData("$.items[?search(@, 'mm')]", "[\"gamma\"]")]
    public void SelectNodes_Rfc_SelectsScalarsAndSupportsFunctionsAndSteps(string text, string expected)
    {
        var nodes = JsonPath.Parse(text, JsonPathDialect.Rfc9535).SelectNodes(Store);

        ((JsonValue)JsonArray.Create(nodes)).Should().Be(JsonValue.Parse(expected));
    }

    [Fact]
    public void TryEvaluate_Asl_TrailingNameUnion_MergesIntoOneObject_LeavingOutMissingNames()
    {
        var document = JsonValue.Parse("""{"o":{"a":1,"b":2,"c":3}}""");

        JsonPath.Parse("$.o['a','c','zz']").TryEvaluate(document, out var merged).Should().BeTrue();

        merged.Should().Be(JsonValue.Parse("""{"a":1,"c":3}"""));
    }

    [Theory]
    [InlineData("$.nope")]
    [InlineData("$.items[3]")]
    [InlineData("$.items.x")]
    [InlineData("$.items[0].x")]
    [InlineData("$.nested[0]")]
    public void TryEvaluate_MissingDefinitePath_ReturnsFalse(string text)
    {
        JsonPath.Parse(text).TryEvaluate(new PathScope(Store, JsonObject.Empty), out var value).Should().BeFalse();
        value.Should().BeNull();
    }

    [Fact]
    public void TryEvaluate_ReturnsTheSharedInstance_NotACopy()
    {
        var inner = ((JsonObject)Store)["nested"];

        JsonPath.Parse("$.nested").TryEvaluate(Store, out var value).Should().BeTrue();

        value.Should().BeSameAs(inner);
    }

    [Fact]
    public void TryEvaluate_ContextAndVariableRoots_ReadTheirOwnDocuments()
    {
        var context = JsonValue.Parse("""{"Execution":{"Id":"arn:exec"}}""");
        var variables = VariableScope.Empty.Assign([new KeyValuePair<string, JsonValue>("customer", JsonValue.Parse("""{"name":"Ann"}"""))]);
        var scope = new PathScope(Store, context, variables);

        JsonPath.Parse("$$.Execution.Id").TryEvaluate(scope, out var id).Should().BeTrue();
        JsonPath.Parse("$customer.name").TryEvaluate(scope, out var name).Should().BeTrue();
        JsonPath.Parse("$customer").TryEvaluate(scope, out var whole).Should().BeTrue();
        JsonPath.Parse("$unknown").TryEvaluate(scope, out _).Should().BeFalse();

        id.Should().Be(JsonValue.From("arn:exec"));
        name.Should().Be(JsonValue.From("Ann"));
        whole.Should().Be(JsonValue.Parse("""{"name":"Ann"}"""));
    }

    [Fact]
    public void TryEvaluate_Root_ReturnsTheInput()
    {
        JsonPath.Parse("$").TryEvaluate(new PathScope(Store, JsonObject.Empty), out var value).Should().BeTrue();

        value.Should().BeSameAs(Store);
    }

    [Fact]
    public void SelectNodes_Descendants_AreInDocumentOrder()
    {
        var document = JsonValue.Parse("""{"a":{"k":1,"b":{"k":2}},"c":[{"k":3}],"k":0}""");

        var nodes = JsonPath.Parse("$..k", JsonPathDialect.Rfc9535).SelectNodes(document);

        nodes.Should().Equal(JsonValue.From(0), JsonValue.From(1), JsonValue.From(2), JsonValue.From(3));
    }

    [Fact]
    public void TryEvaluate_SimpleDefinitePath_DoesNotAllocate()
    {
        var path = JsonPath.Parse("$.nested.x.y[0].z");
        path.TryEvaluate(Store, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            path.TryEvaluate(Store, out _);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Theory]
    [InlineData("$.s[?(@.n == 'abc')]", "[{\"n\":\"abc\"}]")]
    [InlineData("$.s[?(@.n < 'b')]", "[{\"n\":\"abc\"}]")]
    [InlineData("$.s[?(@.n == 1)]", "[{\"n\":1.0}]")]
    [InlineData("$.s[?(@.n == null)]", "[{\"n\":null}]")]
    [InlineData("$.s[?(@.n == true)]", "[{\"n\":true}]")]
    [InlineData("$.s[?(@.n == '1')]", "[]")]
    [InlineData("$.s[?(@.missing == @.other)]", "[{\"n\":\"abc\"},{\"n\":1.0},{\"n\":null},{\"n\":true}]")]
    public void Filter_ComparesByRfcRules(string text, string expected)
    {
        var document = JsonValue.Parse("""{"s":[{"n":"abc"},{"n":1.0},{"n":null},{"n":true}]}""");

        JsonPath.Parse(text).TryEvaluate(document, out var value).Should().BeTrue();

        value.Should().Be(JsonValue.Parse(expected));
    }
}
