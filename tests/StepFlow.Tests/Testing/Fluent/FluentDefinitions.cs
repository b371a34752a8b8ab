namespace StepFlow.Tests.Fluent;

/// <summary>Definitions the fluent API tests run.</summary>
internal static class FluentDefinitions
{
    /// <summary>Validate → Charge (Lambda, Retry 3 × on Payment.Timeout, 1 h back-off) → a 1-day Wait → Choice → Ship | Reject (Fail).</summary>
    public const string Order = """
        {"StartAt":"Validate","States":{
          "Validate":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"validate","Payload.$":"$"},
                      "ResultSelector":{"valid.$":"$.Payload.valid"},"ResultPath":"$.validation","Next":"Charge"},
          "Charge":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge","ResultPath":"$.charge",
                    "Retry":[{"ErrorEquals":["Payment.Timeout"],"IntervalSeconds":3600,"MaxAttempts":3,"BackoffRate":1}],
                    "Catch":[{"ErrorEquals":["Payment.Declined"],"ResultPath":"$.error","Next":"Reject"}],
                    "Next":"Cool off"},
          "Cool off":{"Type":"Wait","Seconds":86400,"Next":"Valid?"},
          "Valid?":{"Type":"Choice","Choices":[{"Variable":"$.validation.valid","BooleanEquals":true,"Next":"Ship"}],"Default":"Reject"},
          "Ship":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"MessageBody.$":"$.orderId"},"ResultPath":null,"End":true},
          "Reject":{"Type":"Fail","Error":"Order.Rejected","Cause":"the order was rejected"}}}
        """;
}
