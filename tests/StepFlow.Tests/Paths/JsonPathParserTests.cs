using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Tests.Paths;

public sealed class JsonPathParserTests
{
    [Theory]
    [InlineData("$", true, true)]
    [InlineData("$.a.b[0]", true, true)]
    [InlineData("$['store'][0]['book']", true, true)]
    [InlineData("$.a[-1]", true, true)]
    [InlineData("$.a[*]", false, false)]
    [InlineData("$.*", false, false)]
    [InlineData("$..a", false, false)]
    [InlineData("$.a[0:2]", false, false)]
    [InlineData("$.a[0,1]", false, false)]
    [InlineData("$.a[?(@.b > 1)]", false, false)]
    [InlineData("$['a','b']", true, false)]
    [InlineData("$['a','b'].c", false, false)]
    public void Parse_Asl_ClassifiesDefiniteAndReferencePaths(string text, bool definite, bool reference)
    {
        var path = JsonPath.Parse(text);

        path.IsDefinite.Should().Be(definite);
        path.IsReferencePath.Should().Be(reference);
        path.Text.Should().Be(text);
        path.ToString().Should().Be(text);
    }

    [Fact]
    public void Parse_Rfc_NameUnionIsNeverDefinite()
    {
        JsonPath.Parse("$['a','b']", JsonPathDialect.Rfc9535).IsDefinite.Should().BeFalse();
    }

    [Theory]
    [InlineData("$$.Execution.Id", nameof(PathRoot.Context), null)]
    [InlineData("$customerName", nameof(PathRoot.Variable), "customerName")]
    [InlineData("$order_2.items[0]", nameof(PathRoot.Variable), "order_2")]
    [InlineData("$.x", nameof(PathRoot.Input), null)]
    public void Parse_Asl_RecognisesRoots(string text, string root, string? variable)
    {
        var path = JsonPath.Parse(text);

        path.Root.Should().Be(Enum.Parse<PathRoot>(root));
        path.VariableName.Should().Be(variable);
    }

    [Theory]
    [InlineData("$$.a")]
    [InlineData("$name")]
    [InlineData("$.error-info")]
    [InlineData("$.a[?(@.b)]")]
    public void Parse_Rfc_RejectsAslOnlySyntax_ButAcceptsParenthesisedFilter(string text)
    {
        var parsed = JsonPath.TryParse(text, JsonPathDialect.Rfc9535, out _, out _);

        parsed.Should().Be(text == "$.a[?(@.b)]");
    }

    [Theory]
    [InlineData("$.error-info", "error-info")]
    [InlineData("$.store\\.book", "store.book")]
    [InlineData("$.\\stor\\e", "store")]
    [InlineData("$.&Ж中", "&Ж中")]
    [InlineData("$.list.length()", "length()")]
    public void Parse_Asl_AcceptsLenientDotNames(string text, string lastName)
    {
        var path = JsonPath.Parse(text);
        var document = JsonObject.Create((lastName, JsonValue.From(7)));
        var nested = JsonObject.Create(("list", document), ("store", document), (lastName, JsonValue.From(7)));

        var found = path.TryEvaluate(nested, out var value) || path.TryEvaluate(document, out value);

        found.Should().BeTrue();
        value.Should().Be(JsonValue.From(7));
    }

    [Theory]
    [InlineData("", 0, "must begin with '$'")]
    [InlineData("a.b", 0, "must begin with '$'")]
    [InlineData("$.a[", 4, "selector")]
    [InlineData("$.a[0", 5, "never closed")]
    [InlineData("$.a]", 3, "unexpected")]
    [InlineData("$['a", 4, "never closed")]
    [InlineData("$[01]", 2, "leading zeros")]
    [InlineData("$.a[?(@.b == )]", 13, "expected a query, a literal")]
    public void TryParse_BadSyntax_ReportsPositionAndReason(string text, int position, string reason)
    {
        var parsed = JsonPath.TryParse(text, out var path, out var error);

        parsed.Should().BeFalse();
        path.Should().BeNull();
        error.Should().Contain($"at position {position}:").And.Contain(reason).And.Contain($"'{text}'");
    }

    [Fact]
    public void Parse_BadSyntax_ThrowsFormatException()
    {
        var act = () => JsonPath.Parse("$.a[?(@.b ==)]");

        act.Should().Throw<FormatException>().WithMessage("*position*");
    }

    [Theory]
    [InlineData("$.a[?(length(@.b) > 1)]", "functions")]
    [InlineData("$.a[0:5:2]", "slice steps")]
    [InlineData("$.a[?(@.b == $.c)]", "document root")]
    public void Parse_Asl_RejectsRfcOnlyFeatures(string text, string reason)
    {
        JsonPath.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(reason);
        JsonPath.TryParse(text, JsonPathDialect.Rfc9535, out _, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("$[?match(@.a, 'x') == true]", "cannot be compared")]
    [InlineData("$[?@.* == 1]", "singular")]
    [InlineData("$[?length(@.a)]", "must be compared")]
    [InlineData("$[?1]", "literal")]
    [InlineData("$[?count(1) == 1]", "must be a query")]
    [InlineData("$[?match(@.a) ]", "takes 2 arguments")]
    [InlineData("$[?foo(@.a)]", "unknown function")]
    public void Parse_Rfc_RejectsIllTypedFilters(string text, string reason)
    {
        JsonPath.TryParse(text, JsonPathDialect.Rfc9535, out _, out var error).Should().BeFalse();
        error.Should().Contain(reason);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(65)]
    public void TryParse_DeeplyNestedFilter_FailsCleanlyWithoutStackOverflow(int depth)
    {
        var text = "$[?" + new string('(', depth) + "@.a" + new string(')', depth) + "]";

        JsonPath.TryParse(text, JsonPathDialect.Rfc9535, out _, out var error).Should().BeFalse();
        error.Should().Contain("nested more than");
    }

    [Fact]
    public void TryParse_NestedFiltersAndNegations_AreBoundedToo()
    {
        var filters = "$" + string.Concat(Enumerable.Repeat("[?@", 200)) + new string(']', 200);
        var negations = "$[?" + string.Concat(Enumerable.Repeat("!(", 10_000)) + "@.a" + new string(')', 10_000) + "]";

        JsonPath.TryParse(filters, JsonPathDialect.Rfc9535, out _, out var filterError).Should().BeFalse();
        JsonPath.TryParse(negations, JsonPathDialect.Rfc9535, out _, out var notError).Should().BeFalse();
        filterError.Should().Contain("nested");
        notError.Should().Contain("nested");
    }

    [Fact]
    public void TryParse_ModeratelyNestedFilter_IsAccepted()
    {
        var text = "$[?" + new string('(', 20) + "@.a" + new string(')', 20) + "]";

        JsonPath.TryParse(text, JsonPathDialect.Rfc9535, out _, out _).Should().BeTrue();
    }
}
