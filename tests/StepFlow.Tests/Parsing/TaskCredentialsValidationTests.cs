using StepFlow.Parsing;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

/// <summary>A Task's <c>Credentials</c> names the role to assume; AWS rejects a block without one (SCHEMA_VALIDATION_FAILED).</summary>
public sealed class TaskCredentialsValidationTests
{
    private const string Resource = "arn:aws:states:::lambda:invoke";

    [Theory]
    [InlineData("{'RoleArn':'arn:aws:iam::111111111111:role/r'}")]
    [InlineData("{'RoleArn.$':'$.role'}")]
    [InlineData("{'RoleArn.$':'States.Format(\\u0027arn:aws:iam::{}:role/r\\u0027, $.account)'}")]
    public void Validate_JsonPathCredentialsWithARole_IsValid(string credentials) =>
        Validate(Task(credentials)).Errors().Should().BeEmpty();

    [Theory]
    [InlineData("{}")]
    [InlineData("{'Role':'arn:aws:iam::111111111111:role/r'}")]
    [InlineData("{'roleArn':'arn:aws:iam::111111111111:role/r'}")]
    public void Validate_JsonPathCredentialsWithoutARole_ReportsTheCredentials(string credentials)
    {
        var diagnostics = Validate(Task(credentials));

        diagnostics.Errors().Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/S/Credentials");
        diagnostics.Single().Message.Should().StartWith("These fields are required: [RoleArn]");
    }

    [Fact]
    public void Validate_RoleArnThatIsNotAString_ReportsTheRoleArn() =>
        Validate(Task("{'RoleArn':42}")).Errors().Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/S/Credentials/RoleArn");

    [Theory]
    [InlineData("{'RoleArn':'arn:aws:iam::111111111111:role/r'}")]
    [InlineData("{'RoleArn':'{% $role %}'}")]
    [InlineData("'{% {\\u0022RoleArn\\u0022: $role} %}'")]
    public void Validate_JsonataCredentialsWithARole_IsValid(string credentials) =>
        Validate(Task(credentials, jsonata: true)).Errors().Should().BeEmpty();

    [Theory]
    [InlineData("{}")]
    [InlineData("{'RoleArn.$':'$.role'}")]
    public void Validate_JsonataCredentialsWithoutARole_ReportsTheCredentials(string credentials) =>
        Validate(Task(credentials, jsonata: true)).Errors().Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/S/Credentials");

    [Fact]
    public void Validate_CredentialsWithoutARoleInABranch_ReportsItsPointer() =>
        Validate($$$$"""
            {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'T','States':{
              'T':{'Type':'Task','Resource':'{{{{Resource}}}}','Credentials':{},'End':true}}}]}}}
            """).Errors().Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/P/Branches/0/States/T/Credentials");

    private static string Task(string credentials, bool jsonata = false) =>
        Single($"{{'Type':'Task','Resource':'{Resource}','Credentials':{credentials},'End':true}}", topLevelExtra: jsonata ? "'QueryLanguage':'JSONata'," : string.Empty);
}
