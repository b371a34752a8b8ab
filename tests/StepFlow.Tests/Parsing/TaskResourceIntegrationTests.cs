using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

/// <summary>
/// Task resources of the form <c>arn:aws:states:::service:action[.pattern]</c>: AWS recognizes the optimized integrations
/// of its developer guide (with the patterns each supports), the HTTP Task and AWS SDK integrations, and rejects any
/// other with SCHEMA_VALIDATION_FAILED "The resource provided … is not recognized" at the Resource.
/// </summary>
public sealed class TaskResourceIntegrationTests
{
    [Theory]
    [InlineData("arn:aws:states:::apigateway:invoke.waitForTaskToken")]
    [InlineData("arn:aws:states:::athena:startQueryExecution.sync")]
    [InlineData("arn:aws:states:::batch:submitJob.sync")]
    [InlineData("arn:aws:states:::bedrock:createModelCustomizationJob.sync")]
    [InlineData("arn:aws:states:::bedrock:invokeModel.waitForTaskToken")]
    [InlineData("arn:aws:states:::codebuild:startBuild.sync")]
    [InlineData("arn:aws:states:::dynamodb:getItem")]
    [InlineData("arn:aws:states:::ecs:runTask.sync")]
    [InlineData("arn:aws:states:::ecs:runTask.waitForTaskToken")]
    [InlineData("arn:aws:states:::eks:runJob.sync")]
    [InlineData("arn:aws:states:::elasticmapreduce:createCluster.sync")]
    [InlineData("arn:aws:states:::emr-containers:startJobRun.sync")]
    [InlineData("arn:aws:states:::emr-serverless:startJobRun.sync")]
    [InlineData("arn:aws:states:::events:putEvents.waitForTaskToken")]
    [InlineData("arn:aws:states:::glue:startJobRun.sync")]
    [InlineData("arn:aws:states:::databrew:startJobRun.sync")]
    [InlineData("arn:aws:states:::lambda:invoke")]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken")]
    [InlineData("arn:aws:states:::mediaconvert:createJob.sync")]
    [InlineData("arn:aws:states:::sagemaker:createTrainingJob.sync")]
    [InlineData("arn:aws:states:::sns:publish.waitForTaskToken")]
    [InlineData("arn:aws:states:::sqs:sendMessage.waitForTaskToken")]
    [InlineData("arn:aws:states:::states:startExecution.sync:2")]
    [InlineData("arn:aws:states:::states:startExecution.waitForTaskToken")]
    [InlineData("arn:aws:states:::aws-sdk:s3:getObject")]
    [InlineData("arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken")]
    [InlineData("arn:aws:states:::aws-sdk:someservicewenevernamed:doIt")]
    [InlineData("arn:aws-us-gov:states:::lambda:invoke")]
    public void Validate_RecognizedIntegration_IsValid(string resource) =>
        Validate(Task(resource)).Errors().Should().BeEmpty();

    [Theory]
    [InlineData("arn:aws:states:::nosuchservice:foo", "'nosuchservice' is not a Step Functions service integration")]
    [InlineData("arn:aws:states:::lambda", "it names no 'service:action'")]
    [InlineData("arn:aws:states:::lambda:", "it names no action of 'lambda'")]
    [InlineData("arn:aws:states:::lambda:invoke.async", "'.async' is not an integration pattern")]
    [InlineData("arn:aws:states:::lambda:invoke.sync", "'lambda' does not support the '.sync' integration pattern")]
    [InlineData("arn:aws:states:::dynamodb:getItem.waitForTaskToken", "'dynamodb' does not support the '.waitForTaskToken'")]
    [InlineData("arn:aws:states:::sqs:sendMessage.sync", "'sqs' does not support the '.sync'")]
    [InlineData("arn:aws:states:::batch:submitJob.sync:2", "'batch' does not support the '.sync:2'")]
    [InlineData("arn:aws:states:::athena:startQueryExecution.waitForTaskToken", "'athena' does not support")]
    [InlineData("arn:aws:states:::http:invoke.waitForTaskToken", "'http' does not support")]
    [InlineData("arn:aws:states:::aws-sdk:s3:getObject.sync", "'aws-sdk' does not support the '.sync'")]
    [InlineData("arn:aws:states:::aws-sdk:s3", "an AWS SDK integration is 'aws-sdk:service:action'")]
    [InlineData("arn:aws:states:::aws-sdk:s3:get:object", "an AWS SDK integration is 'aws-sdk:service:action'")]
    [InlineData("arn:aws:states:::Lambda:invoke", "'Lambda' is not a Step Functions service integration")]
    public void Validate_UnrecognizedIntegration_ReportsSchemaValidationFailedAtTheResource(string resource, string detail)
    {
        var diagnostics = Validate(Task(resource));

        diagnostics.Errors().Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/S/Resource");
        diagnostics[0].Message.Should()
            .StartWith($"The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.")
            .And.Contain(detail);
    }

    [Fact]
    public void Validate_UnrecognizedIntegrationInAnExpressMachine_ReportsItOnce() =>
        Validate(Task("arn:aws:states:::lambda:invoke.sync"), new ValidationOptions { StateMachineType = StateMachineType.Express })
            .Errors().Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/S/Resource");

    [Fact]
    public void Validate_UnrecognizedIntegrationsInABranchAndAProcessor_ReportEachResource() =>
        Validate("""
            {'StartAt':'P','States':{'P':{'Type':'Parallel','Next':'M','Branches':[{'StartAt':'A','States':{
               'A':{'Type':'Task','Resource':'arn:aws:states:::nosuchservice:foo','End':true}}}]},
             'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'B','States':{
               'B':{'Type':'Task','Resource':'arn:aws:states:::sns:publish.sync','End':true}}}}}}
            """).Errors().Should().Equal(
                $"{DiagnosticCodes.SchemaValidationFailed} /States/P/Branches/0/States/A/Resource",
                $"{DiagnosticCodes.SchemaValidationFailed} /States/M/ItemProcessor/States/B/Resource");

    [Fact]
    public void Parse_UnrecognizedIntegration_IsRejectedWithAwsCode()
    {
        var ok = StateMachine.TryParse(J(Task("arn:aws:states:::nosuchservice:foo")), out _, out var diagnostics);

        ok.Should().BeFalse();
        diagnostics.Errors().Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/S/Resource");
    }

    private static string Task(string resource) => Single($"{{'Type':'Task','Resource':'{resource}','End':true}}");
}
