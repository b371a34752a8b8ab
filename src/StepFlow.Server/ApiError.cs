namespace StepFlow.Server;

/// <summary>
/// A request refused with an AWS error: the name AWS puts in <c>__type</c>, the message, and the HTTP status AWS answers
/// with (400 for every Step Functions error; the common errors have their own).
/// </summary>
internal sealed class ApiError : Exception
{
    public ApiError(string type, string message, int status = 400)
        : base(message)
    {
        Type = type;
        Status = status;
    }

    /// <summary>The AWS error name, e.g. <c>ValidationException</c>.</summary>
    public string Type { get; }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }
}
