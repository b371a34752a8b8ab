using StepFlow.Errors;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Http;

/// <summary>The ASL errors the HTTP Task raises, with causes that name the state.</summary>
internal static class HttpTaskFailures
{
    /// <summary><c>States.Runtime</c>: the task's parameters or the response cannot be used.</summary>
    public static StatesErrorException Runtime(TaskInvocation invocation, string problem) =>
        new(StatesErrorNames.Runtime, $"The HTTP Task '{invocation.StateName}' failed: {problem}");

    /// <summary><c>States.Http.Socket</c>: the request could not be sent or answered in time.</summary>
    public static StatesErrorException Socket(TaskInvocation invocation, string problem, Exception? inner = null) =>
        new(StatesErrorNames.HttpSocket, $"The HTTP Task '{invocation.StateName}' failed: {problem}", inner);

    /// <summary><c>States.Http.StatusCode.&lt;code&gt;</c> with the status text as the cause, as AWS reports it.</summary>
    public static StatesErrorException StatusCode(int statusCode, string statusText) =>
        new(StatesErrorNames.HttpStatusCodePrefix + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), statusText);
}
