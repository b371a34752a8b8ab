using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Tasks;

namespace StepFlow.CrashHost;

/// <summary>
/// The state machine the crash test runs — a Task that fails once and is retried, a Wait, a Map, a Parallel with a Wait in
/// one branch, and a <c>.waitForTaskToken</c> callback — and its handlers' answers. Every answer depends only on the
/// task's input and attempt, so an execution's history is the same whether or not the process was killed on the way.
/// </summary>
public static class CrashWorkflow
{
    /// <summary>The machine's name.</summary>
    public const string Name = "Crash";

    /// <summary>The machine's ARN under the engine's default names.</summary>
    public const string Arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Crash";

    /// <summary>The work handler's resource.</summary>
    public const string WorkResource = "arn:aws:lambda:us-east-1:123456789012:function:work";

    /// <summary>The callback's resource (without its pattern suffix).</summary>
    public const string CallbackResource = "arn:aws:states:::sqs:sendMessage";

    /// <summary>The error the first attempt of the Charge task fails with (its Retry catches it).</summary>
    public const string FlakyError = "Crash.Flaky";

    /// <summary>The definition. The callback's token is not in its Parameters: it differs from run to run.</summary>
    public const string Definition = """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Parameters":{"i.$":"$.i","items.$":"States.ArrayRange(1, 4, 1)"},"Next":"Charge"},
          "Charge":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"step":"charge","i.$":"$.i"},"ResultPath":"$.charge",
            "Retry":[{"ErrorEquals":["Crash.Flaky"],"IntervalSeconds":1,"MaxAttempts":2,"BackoffRate":1}],"Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":1,"Next":"Fanout"},
          "Fanout":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ResultPath":"$.map",
            "ItemSelector":{"i.$":"$.i","item.$":"$$.Map.Item.Value"},
            "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Item","States":{
              "Item":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"step":"item","i.$":"$.i","item.$":"$.item"},"End":true}}},
            "Next":"Both"},
          "Both":{"Type":"Parallel","ResultPath":"$.both","Next":"Approve","Branches":[
            {"StartAt":"Left","States":{"Left":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"step":"left","i.$":"$.i"},"End":true}}},
            {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":1,"Next":"Right"},
              "Right":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"step":"right","i.$":"$.i"},"End":true}}}]},
          "Approve":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters":{"i.$":"$.i"},"ResultPath":"$.approval","Next":"Done"},
          "Done":{"Type":"Pass","Parameters":{"i.$":"$.i","charge.$":"$.charge.value","map.$":"$.map[*].value","both.$":"$.both[*].value","approval.$":"$.approval"},"End":true}}}
        """;

    /// <summary>The parsed definition.</summary>
    public static StateMachine Machine { get; } = StateMachine.Parse(Definition);

    /// <summary>The input of execution <paramref name="i"/>.</summary>
    public static JsonValue Input(int i) => JsonObject.Create(("i", JsonValue.From(i)));

    /// <summary>The name of execution <paramref name="i"/>.</summary>
    public static string ExecutionName(int i) => $"exec-{i}";

    /// <summary>The ARN of execution <paramref name="i"/>.</summary>
    public static string ExecutionArn(int i) => $"arn:aws:states:us-east-1:123456789012:execution:{Name}:{ExecutionName(i)}";

    /// <summary>
    /// The work handler's answer: a value computed from its input; the first attempt of the Charge step fails with
    /// <see cref="FlakyError"/> instead.
    /// </summary>
    public static JsonValue Work(TaskInvocation invocation)
    {
        var input = (JsonObject)invocation.Input;
        var step = ((JsonString)input["step"]).Value;
        if (step == "charge" && invocation.RetryCount == 0)
        {
            throw new StatesErrorException(FlakyError, $"the first charge of {Number(input, "i")} fails");
        }

        var i = Number(input, "i");
        var item = input.TryGetValue("item", out _) ? Number(input, "item") : 0;
        return JsonObject.Create(("value", JsonValue.From($"{step}:{(i * 31) + (item * 7)}")));
    }

    /// <summary>The callback's answer for the callback task whose input is <paramref name="callbackInput"/>.</summary>
    public static JsonValue Approval(JsonValue callbackInput) =>
        JsonObject.Create(("approved", JsonValue.From(Number((JsonObject)callbackInput, "i"))));

    private static long Number(JsonObject input, string name) =>
        ((JsonNumber)input[name]).TryGetInt64(out var n) ? n : throw new InvalidOperationException($"'{name}' is not a whole number.");
}
