using StepFlow.Testing.Mocks;

namespace StepFlow.Tests.Mocks;

public sealed class MockConfigMalformedTests
{
    /// <summary>A whole file with <paramref name="responses"/> as the members of MockedResponses and no state machines.</summary>
    private static string WithResponses(string responses) => "{\"StateMachines\":{},\"MockedResponses\":{" + responses + "}}";

    /// <summary>A whole file with <paramref name="testCases"/> as the members of TestCases of state machine SM, and a mocked response R.</summary>
    private static string WithTestCases(string testCases) =>
        "{\"StateMachines\":{\"SM\":{\"TestCases\":{" + testCases + "}}},\"MockedResponses\":{\"R\":{\"0\":{\"Return\":1}}}}";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // The whole file.
        { "[]", MockConfigErrorCodes.WrongType, "", "a mock configuration must be an object, not an array" },
        { "null", MockConfigErrorCodes.WrongType, "", "not null" },
        { "{\"StateMachines\":{}}", MockConfigErrorCodes.MissingField, "", "the required field 'MockedResponses' is missing" },
        { "{\"MockedResponses\":{}}", MockConfigErrorCodes.MissingField, "", "the required field 'StateMachines' is missing" },
        { "{\"StateMachines\":{},\"MockedResponses\":{},\"Version\":1}", MockConfigErrorCodes.UnknownField, "/Version", "unknown field 'Version'" },
        { "{\"stateMachines\":{},\"MockedResponses\":{}}", MockConfigErrorCodes.UnknownField, "/stateMachines", "did you mean 'StateMachines'?" },
        { "{\"StateMachines\":[],\"MockedResponses\":{}}", MockConfigErrorCodes.WrongType, "/StateMachines", "StateMachines must be an object, not an array" },
        { "{\"StateMachines\":{},\"MockedResponses\":null}", MockConfigErrorCodes.WrongType, "/MockedResponses", "MockedResponses must be an object, not null" },
        { "{\"StateMachines\":{},\"MockedResponses\":{}", MockConfigErrorCodes.InvalidJson, "", "open JSON object" },
        { "{\"StateMachines\":{},\"MockedResponses\":{},}", MockConfigErrorCodes.InvalidJson, "", "trailing comma" },
        { "{\"StateMachines\":{},\"MockedResponses\":{\"\\uD800\":{\"0\":{\"Return\":1}}}}", MockConfigErrorCodes.InvalidJson, "", "not valid Unicode" },
        { WithResponses("\"R\":{\"0\":{\"Return\":" + new string('[', 600) + new string(']', 600) + "}}"), MockConfigErrorCodes.InvalidJson, "", "maximum configured depth of 512" },

        // StateMachines and TestCases.
        { "{\"StateMachines\":{\"SM\":\"x\"},\"MockedResponses\":{}}", MockConfigErrorCodes.WrongType, "/StateMachines/SM", "the state machine 'SM' must be an object, not a string" },
        { "{\"StateMachines\":{\"SM\":{}},\"MockedResponses\":{}}", MockConfigErrorCodes.MissingField, "/StateMachines/SM", "the required field 'TestCases' is missing" },
        { "{\"StateMachines\":{\"SM\":{\"TestCases\":{},\"TestCase\":{}}},\"MockedResponses\":{}}", MockConfigErrorCodes.UnknownField, "/StateMachines/SM/TestCase", "unknown field 'TestCase'" },
        { "{\"StateMachines\":{\"\":{\"TestCases\":{}}},\"MockedResponses\":{}}", MockConfigErrorCodes.EmptyName, "/StateMachines/", "a state machine name must not be empty" },
        { "{\"StateMachines\":{\"SM\":{\"TestCases\":true}},\"MockedResponses\":{}}", MockConfigErrorCodes.WrongType, "/StateMachines/SM/TestCases", "must be an object, not a boolean" },
        { WithTestCases("\"TC\":[]"), MockConfigErrorCodes.WrongType, "/StateMachines/SM/TestCases/TC", "the test case 'TC' must be an object, not an array" },
        { WithTestCases("\"\":{}"), MockConfigErrorCodes.EmptyName, "/StateMachines/SM/TestCases/", "a test case name must not be empty" },
        { WithTestCases("\"TC\":{\"S\":1}"), MockConfigErrorCodes.WrongType, "/StateMachines/SM/TestCases/TC/S", "must be a string naming an entry of MockedResponses, not a number" },
        { WithTestCases("\"TC\":{\"S\":{\"Return\":1}}"), MockConfigErrorCodes.WrongType, "/StateMachines/SM/TestCases/TC/S", "not an object" },
        { WithTestCases("\"TC\":{\"S\":\"Missing\"}"), MockConfigErrorCodes.UnknownMockedResponse, "/StateMachines/SM/TestCases/TC/S", "'Missing', which MockedResponses does not define" },
        { WithTestCases("\"TC\":{\"S\":\"r\"}"), MockConfigErrorCodes.UnknownMockedResponse, "/StateMachines/SM/TestCases/TC/S", "'r'" },
        { WithTestCases("\"TC\":{\"\":\"R\"}"), MockConfigErrorCodes.EmptyName, "/StateMachines/SM/TestCases/TC/", "a state name must not be empty" },
        { WithTestCases("\"TC\":{\"S\":\"\"}"), MockConfigErrorCodes.EmptyName, "/StateMachines/SM/TestCases/TC/S", "a mocked response name must not be empty" },
        { WithTestCases("\"TC\":{\"a/b~c\":\"Missing\"}"), MockConfigErrorCodes.UnknownMockedResponse, "/StateMachines/SM/TestCases/TC/a~1b~0c", "state 'a/b~c'" },
        { WithTestCases("\"TC\":{\"S\":\"R\"},\"TC\":{}"), MockConfigErrorCodes.DuplicateField, "/StateMachines/SM/TestCases/TC", "'TC' is written more than once" },
        { WithTestCases("\"TC\":{\"S\":\"R\",\"S\":\"R\"}"), MockConfigErrorCodes.DuplicateField, "/StateMachines/SM/TestCases/TC/S", "'S' is written more than once" },

        // MockedResponses and attempt keys.
        { WithResponses("\"\":{\"0\":{\"Return\":1}}"), MockConfigErrorCodes.EmptyName, "/MockedResponses/", "a mocked response name must not be empty" },
        { WithResponses("\"R\":[]"), MockConfigErrorCodes.WrongType, "/MockedResponses/R", "the mocked response 'R' must be an object, not an array" },
        { WithResponses("\"R\":{}"), MockConfigErrorCodes.NoAttempts, "/MockedResponses/R", "has no attempts" },
        { WithResponses("\"R\":{\"first\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/first", "'first' is not an attempt key" },
        { WithResponses("\"R\":{\"-1\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/-1", "'-1' is not an attempt key" },
        { WithResponses("\"R\":{\" 0\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/ 0", "no signs or spaces" },
        { WithResponses("\"R\":{\"+0\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/+0", "is not an attempt key" },
        { WithResponses("\"R\":{\"0-\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/0-", "'0-' is not an attempt key" },
        { WithResponses("\"R\":{\"0-1-2\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/0-1-2", "is not an attempt key" },
        { WithResponses("\"R\":{\"1.5\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/1.5", "is not an attempt key" },
        { WithResponses("\"R\":{\"0\":{\"Return\":1},\"2-1\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/2-1", "the range '2-1' runs backwards" },
        { WithResponses("\"R\":{\"99999999999999999999\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/99999999999999999999", "the attempt number 99999999999999999999 is too large: at most 2147483647" },
        { WithResponses("\"R\":{\"0-2147483648\":{\"Return\":1}}"), MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/0-2147483648", "too large" },
        { WithResponses("\"R\":{\"0-2\":{\"Return\":1},\"2\":{\"Return\":2}}"), MockConfigErrorCodes.OverlappingAttempts, "/MockedResponses/R/2", "attempts '2' overlap attempts '0-2'" },
        { WithResponses("\"R\":{\"0\":{\"Return\":1},\"00\":{\"Return\":2}}"), MockConfigErrorCodes.OverlappingAttempts, "/MockedResponses/R/00", "overlap" },
        { WithResponses("\"R\":{\"0\":{\"Return\":1},\"2\":{\"Return\":2}}"), MockConfigErrorCodes.MissingAttempts, "/MockedResponses/R/2", "no entry covers attempt(s) 1 before '2'" },
        { WithResponses("\"R\":{\"1-2\":{\"Return\":1}}"), MockConfigErrorCodes.MissingAttempts, "/MockedResponses/R/1-2", "no entry covers attempt(s) 0 before '1-2'" },
        { WithResponses("\"R\":{\"0\":{\"Return\":1},\"4-5\":{\"Return\":2}}"), MockConfigErrorCodes.MissingAttempts, "/MockedResponses/R/4-5", "attempt(s) 1-3" },
        { WithResponses("\"R\":{\"0\":{\"Return\":1},\"0\":{\"Return\":2}}"), MockConfigErrorCodes.DuplicateField, "/MockedResponses/R/0", "'0' is written more than once" },

        // An attempt's entry, Return and Throw.
        { WithResponses("\"R\":{\"0\":\"ok\"}"), MockConfigErrorCodes.WrongType, "/MockedResponses/R/0", "an attempt's entry must be an object, not a string" },
        { WithResponses("\"R\":{\"0\":{}}"), MockConfigErrorCodes.ReturnOrThrow, "/MockedResponses/R/0", "needs exactly one of 'Return'" },
        { WithResponses("\"R\":{\"0\":{\"Return\":1,\"Throw\":{\"Error\":\"E\"}}}"), MockConfigErrorCodes.ReturnOrThrow, "/MockedResponses/R/0", "has both 'Return' and 'Throw'" },
        { WithResponses("\"R\":{\"0\":{\"Retrun\":1}}"), MockConfigErrorCodes.UnknownField, "/MockedResponses/R/0/Retrun", "unknown field 'Retrun'" },
        { WithResponses("\"R\":{\"0\":{\"return\":1}}"), MockConfigErrorCodes.UnknownField, "/MockedResponses/R/0/return", "did you mean 'Return'?" },
        { WithResponses("\"R\":{\"0\":{\"Return\":1,\"Comment\":\"x\"}}"), MockConfigErrorCodes.UnknownField, "/MockedResponses/R/0/Comment", "the fields allowed are 'Return', 'Throw'" },
        { WithResponses("\"R\":{\"0\":{\"Throw\":\"Lambda.TimeoutException\"}}"), MockConfigErrorCodes.WrongType, "/MockedResponses/R/0/Throw", "Throw must be an object, not a string" },
        { WithResponses("\"R\":{\"0\":{\"Throw\":{\"Cause\":\"c\"}}}"), MockConfigErrorCodes.MissingField, "/MockedResponses/R/0/Throw", "the required field 'Error' is missing" },
        { WithResponses("\"R\":{\"0\":{\"Throw\":{\"Error\":\"\"}}}"), MockConfigErrorCodes.EmptyName, "/MockedResponses/R/0/Throw/Error", "the Error name must not be empty" },
        { WithResponses("\"R\":{\"0\":{\"Throw\":{\"Error\":\"E\",\"Cause\":{\"m\":1}}}}"), MockConfigErrorCodes.WrongType, "/MockedResponses/R/0/Throw/Cause", "Cause must be a string, not an object" },
        { WithResponses("\"R\":{\"0\":{\"Throw\":{\"Error\":\"E\",\"Cause\":null}}}"), MockConfigErrorCodes.WrongType, "/MockedResponses/R/0/Throw/Cause", "not null" },
        { WithResponses("\"R\":{\"0\":{\"Throw\":{\"Error\":\"E\",\"Message\":\"m\"}}}"), MockConfigErrorCodes.UnknownField, "/MockedResponses/R/0/Throw/Message", "the fields allowed are 'Error', 'Cause'" },
        { WithResponses("\"R\":{\"0\":{\"Throw\":{\"Error\":\"E\",\"Error\":\"F\"}}}"), MockConfigErrorCodes.DuplicateField, "/MockedResponses/R/0/Throw/Error", "'Error' is written more than once" },
        {
            WithResponses("\"MockedLambdaRetry\":{\"0\":{\"Return\":1},\"1-2\":{\"Throw\":{\"Error\":42,\"Cause\":\"Lambda timed out.\"}}}"),
            MockConfigErrorCodes.WrongType, "/MockedResponses/MockedLambdaRetry/1-2/Throw/Error", "Error must be a string, not a number"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryParse_MalformedFile_ReportsTheErrorAtItsPlace(string json, string code, string pointer, string fragment)
    {
        MockConfig.TryParse(json, out var config, out var errors).Should().BeFalse();

        config.Should().BeNull();
        errors.Should().Contain(e => e.Code == code && e.Pointer == pointer && e.Message.Contains(fragment, StringComparison.Ordinal),
            "expected {0} at '{1}' with '{2}', got: {3}", code, pointer, fragment, string.Join(" | ", errors));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_MalformedFile_ThrowsMockConfigExceptionOnly(string json, string code, string pointer, string fragment)
    {
        var act = () => MockConfig.Parse(json);

        var thrown = act.Should().Throw<MockConfigException>().Which;
        thrown.Source.Should().BeNull();
        thrown.Errors.Should().Contain(e => e.Code == code && e.Pointer == pointer);
        thrown.Message.Should().Contain(code).And.Contain(fragment);
    }

    [Fact]
    public void TryParse_InvalidJson_GivesLineAndPosition()
    {
        MockConfig.TryParse("{\n  \"StateMachines\": {},\n  \"MockedResponses\": {,}\n}", out _, out var errors).Should().BeFalse();

        var error = errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(MockConfigErrorCodes.InvalidJson);
        error.Line.Should().Be(3);
        error.Position.Should().BeGreaterThan(0);
        error.ToString().Should().Contain("(line 3, position");
    }

    [Fact]
    public void TryParse_ManyProblems_ReportsEveryOneNotJustTheFirst()
    {
        const string json = """
            {
              "StateMachines": {
                "SM": { "TestCases": { "TC": { "A": "Missing", "B": 7 } }, "Comment": "x" }
              },
              "MockedResponses": {
                "R": { "0": { "Retrun": 1 }, "x": { "Return": 2 } },
                "T": { "0": { "Throw": { "Error": 1, "Cause": 2 } } }
              },
              "Extra": true
            }
            """;

        MockConfig.TryParse(json, out _, out var errors).Should().BeFalse();

        errors.Select(e => (e.Code, e.Pointer)).Should().BeEquivalentTo(new[]
        {
            (MockConfigErrorCodes.UnknownField, "/Extra"),
            (MockConfigErrorCodes.UnknownField, "/MockedResponses/R/0/Retrun"),
            (MockConfigErrorCodes.ReturnOrThrow, "/MockedResponses/R/0"),
            (MockConfigErrorCodes.InvalidAttemptKey, "/MockedResponses/R/x"),
            (MockConfigErrorCodes.WrongType, "/MockedResponses/T/0/Throw/Error"),
            (MockConfigErrorCodes.WrongType, "/MockedResponses/T/0/Throw/Cause"),
            (MockConfigErrorCodes.UnknownField, "/StateMachines/SM/Comment"),
            (MockConfigErrorCodes.UnknownMockedResponse, "/StateMachines/SM/TestCases/TC/A"),
            (MockConfigErrorCodes.WrongType, "/StateMachines/SM/TestCases/TC/B"),
        });
    }

    [Fact]
    public void Parse_ManyErrors_MessageListsTheFirstTwentyAndCountsTheRest()
    {
        var keys = string.Join(",", Enumerable.Range(0, 30).Select(i => $"\"k{i}\":{{\"Return\":1}}"));

        var act = () => MockConfig.Parse(WithResponses($"\"R\":{{{keys}}}"));

        var thrown = act.Should().Throw<MockConfigException>().Which;
        thrown.Errors.Should().HaveCount(30);
        thrown.Message.Should().StartWith("The mock configuration has 30 errors:").And.EndWith("... and 10 more");
    }

    [Fact]
    public void TryParse_ATestCaseUsingAnInvalidMockedResponse_IsNotAlsoReportedAsUnknown()
    {
        const string json = """{"StateMachines":{"SM":{"TestCases":{"TC":{"S":"R"}}}},"MockedResponses":{"R":{"0":{}}}}""";

        MockConfig.TryParse(json, out _, out var errors).Should().BeFalse();

        errors.Select(e => e.Code).Should().Equal(MockConfigErrorCodes.ReturnOrThrow);
    }
}
