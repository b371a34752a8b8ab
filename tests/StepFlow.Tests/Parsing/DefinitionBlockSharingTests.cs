using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

/// <summary>
/// A definition's identical blocks are one shared node, compiled and checked once; a block with a problem is still
/// reported at every place it appears, and a block's transitions are still checked in every scope.
/// </summary>
public sealed class DefinitionBlockSharingTests
{
    private const string Retry = "[{ 'ErrorEquals': ['States.TaskFailed'], 'IntervalSeconds': 1, 'MaxAttempts': 2, 'BackoffRate': 2.0 }]";
    private const string Selector = "{ 'v.$': '$.v', 'list': [1, { 'y': 'z' }] }";

    [Fact]
    public void IdenticalRetryAndTemplates_AreCompiledOnce()
    {
        var machine = StateMachine.Parse(J($$"""
            { 'StartAt': 'A', 'States': {
              'A': { 'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'ResultSelector': {{Selector}}, 'Retry': {{Retry}}, 'Next': 'B' },
              'B': { 'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'ResultSelector': {{Selector}}, 'Retry': {{Retry}}, 'End': true } } }
            """));

        var a = (TaskState)machine.Graph.States["A"];
        var b = (TaskState)machine.Graph.States["B"];

        b.ResultSelector.Should().BeSameAs(a.ResultSelector);
        b.Retry[0].Should().BeSameAs(a.Retry[0]);
        a.Retry[0].MaxAttempts.Should().Be(2);
    }

    [Fact]
    public void TheSameInvalidRetry_IsReportedAtEveryState()
    {
        var diagnostics = StateMachine.Validate(J("""
            { 'StartAt': 'A', 'States': {
              'A': { 'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'Retry': [{ 'ErrorEquals': [], 'MaxAttempts': 2 }], 'Next': 'B' },
              'B': { 'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'Retry': [{ 'ErrorEquals': [], 'MaxAttempts': 2 }], 'End': true } } }
            """));

        diagnostics.Errors().Should().Contain(
        [
            $"{DiagnosticCodes.SchemaValidationFailed} /States/A/Retry/0/ErrorEquals",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/B/Retry/0/ErrorEquals",
        ]);
    }

    [Fact]
    public void TheSameInvalidTemplate_IsReportedAtEveryState()
    {
        var diagnostics = StateMachine.Validate(J("""
            { 'StartAt': 'A', 'States': {
              'A': { 'Type': 'Pass', 'Parameters': { 'a.$': 5 }, 'Next': 'B' },
              'B': { 'Type': 'Pass', 'Parameters': { 'a.$': 5 }, 'End': true } } }
            """));

        diagnostics.Errors().Should().HaveCount(2);
        diagnostics.Select(d => d.Location).Should().Contain(l => l.StartsWith("/States/A/Parameters", StringComparison.Ordinal));
        diagnostics.Select(d => d.Location).Should().Contain(l => l.StartsWith("/States/B/Parameters", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameInvalidChoiceRule_IsReportedInEveryChoice()
    {
        var diagnostics = StateMachine.Validate(J("""
            { 'StartAt': 'A', 'States': {
              'A': { 'Type': 'Choice', 'Choices': [{ 'Not': { 'Variable': '$.x', 'StringEquals': 1 }, 'Next': 'B' }], 'Default': 'B' },
              'B': { 'Type': 'Choice', 'Choices': [{ 'Not': { 'Variable': '$.x', 'StringEquals': 1 }, 'Next': 'C' }], 'Default': 'C' },
              'C': { 'Type': 'Succeed' } } }
            """));

        diagnostics.Errors().Should().Equal(
            $"{DiagnosticCodes.SchemaValidationFailed} /States/A/Choices/0/Not/StringEquals",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/B/Choices/0/Not/StringEquals");
    }

    [Fact]
    public void ACleanCatchReusedInABranch_StillNeedsItsTargetThere()
    {
        const string Catch = "[{ 'ErrorEquals': ['States.ALL'], 'ResultPath': '$.error', 'Next': 'Handler' }]";
        var diagnostics = ValidateShared(J($$"""
            { 'StartAt': 'A', 'States': {
              'A': { 'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'Catch': {{Catch}}, 'Next': 'P' },
              'P': { 'Type': 'Parallel', 'End': true, 'Branches': [ { 'StartAt': 'T', 'States': {
                'T': { 'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'Catch': {{Catch}}, 'End': true } } } ] },
              'Handler': { 'Type': 'Succeed' } } }
            """));

        diagnostics.Errors().Should().Equal($"{DiagnosticCodes.MissingTransitionTarget} /States/P/Branches/0/States/T/Catch/0/Next");
    }

    [Fact]
    public void ACleanChoiceRuleReusedInABranch_StillNeedsItsTargetThere()
    {
        const string Rule = "{ 'Variable': '$.x', 'IsPresent': true, 'Next': 'Done' }";
        var diagnostics = ValidateShared(J($$"""
            { 'StartAt': 'A', 'States': {
              'A': { 'Type': 'Choice', 'Choices': [{{Rule}}], 'Default': 'P' },
              'P': { 'Type': 'Parallel', 'Next': 'Done', 'Branches': [ { 'StartAt': 'C', 'States': {
                'C': { 'Type': 'Choice', 'Choices': [{{Rule}}], 'Default': 'E' },
                'E': { 'Type': 'Succeed' } } } ] },
              'Done': { 'Type': 'Succeed' } } }
            """));

        diagnostics.Errors().Should().Equal($"{DiagnosticCodes.MissingTransitionTarget} /States/P/Branches/0/States/C/Choices/0/Next");
    }

    [Fact]
    public void StatesWithTheSameFieldNames_AreEachCheckedForTheirOwnType()
    {
        var diagnostics = StateMachine.Validate(J("""
            { 'StartAt': 'A', 'States': {
              'A': { 'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'Next': 'B' },
              'B': { 'Type': 'Pass', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'Next': 'C' },
              'C': { 'Type': 'Pass', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:F', 'End': true } } }
            """));

        diagnostics.Errors().Should().Equal(
            $"{DiagnosticCodes.SchemaValidationFailed} /States/B/Resource",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/C/Resource");
    }

    /// <summary>The validator alone (the builder's own check of targets does not run), on a tree parsed as definitions are.</summary>
    private static ImmutableArray<Diagnostic> ValidateShared(string json)
    {
        var session = StateMachine.NewParseSession();
        var tree = JsonTextParser.Parse(json, JsonParseOptions.Default, null, session);
        var states = (JsonObject)((JsonObject)tree)["States"];
        var branchTask = (JsonObject)((JsonObject)((JsonObject)((JsonArray)((JsonObject)states["P"])["Branches"])[0])["States"]).Members[0].Value;
        var outer = (JsonObject)states.Members[0].Value;
        JsonValue Block(JsonObject state) => state.TryGetValue("Catch", out var block) ? block : state["Choices"];
        Block(branchTask).Should().BeSameAs(Block(outer));
        session.IsRepeated(Block(outer)).Should().BeTrue();
        return DefinitionValidator.Validate(tree, null, session, null);
    }
}
