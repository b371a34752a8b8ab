using System.Collections.Frozen;
using static StepFlow.Service.TestState.MockResultShape;

namespace StepFlow.Service.TestState;

/// <summary>
/// The output shapes TestState checks a mocked Task result against, by the Task's Resource (without a pattern suffix),
/// taken from the AWS API references of each action. Actions not listed here are not validated. The list is in
/// docs/testing-teststate.md.
/// </summary>
internal static class MockResultShapes
{
    private static readonly MockResultShape StartExecutionOutput = RequiredStructure(
        ["ExecutionArn", "StartDate"],
        ("ExecutionArn", String(1, 256)),
        ("StartDate", Timestamp));

    private static readonly MockResultShape DescribeExecutionOutput = RequiredStructure(
        ["ExecutionArn", "StateMachineArn", "Status", "StartDate"],
        ("ExecutionArn", String(1, 256)),
        ("StateMachineArn", String(1, 256)),
        ("Name", String(1, 80)),
        ("Status", Enum("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE")),
        ("StartDate", Timestamp),
        ("StopDate", Timestamp),
        ("Input", Any),
        ("Output", Any),
        ("Error", String(0, 256)),
        ("Cause", String(0, 32768)),
        ("RedriveCount", Integer(0)));

    private static readonly MockResultShape Capacity = Structure(
        ("ReadCapacityUnits", Number()),
        ("WriteCapacityUnits", Number()),
        ("CapacityUnits", Number()));

    private static readonly MockResultShape ConsumedCapacity = Structure(
        ("TableName", String(1, 1024)),
        ("CapacityUnits", Number()),
        ("ReadCapacityUnits", Number()),
        ("WriteCapacityUnits", Number()),
        ("Table", Capacity),
        ("LocalSecondaryIndexes", Map(Capacity)),
        ("GlobalSecondaryIndexes", Map(Capacity)));

    private static readonly MockResultShape ItemCollectionMetrics = Structure(
        ("ItemCollectionKey", Map(Any)),
        ("SizeEstimateRangeGB", List(Number())));

    private static readonly MockResultShape DynamoDbWriteOutput = Structure(
        ("Attributes", Map(Any)),
        ("ConsumedCapacity", ConsumedCapacity),
        ("ItemCollectionMetrics", ItemCollectionMetrics));

    private static readonly MockResultShape FunctionConfiguration = Structure(
        ("FunctionName", String(1, 170)),
        ("FunctionArn", String()),
        ("Runtime", String()),
        ("Role", String()),
        ("Handler", String(0, 128)),
        ("CodeSize", Integer()),
        ("Description", String(0, 256)),
        ("Timeout", Integer(1)),
        ("MemorySize", Integer(128, 10240)),
        ("LastModified", String()),
        ("CodeSha256", String()),
        ("Version", String(1, 1024)),
        ("State", Enum("Pending", "Active", "Inactive", "Failed")),
        ("PackageType", Enum("Zip", "Image")),
        ("Architectures", List(Enum("x86_64", "arm64"))));

    private static readonly FrozenDictionary<string, MockResultShape> ByResource = new Dictionary<string, MockResultShape>(StringComparer.Ordinal)
    {
        ["arn:aws:states:::lambda:invoke"] = Structure(
            ("StatusCode", Integer()),
            ("FunctionError", String()),
            ("LogResult", String()),
            ("Payload", Any),
            ("ExecutedVersion", String(1, 1024))),
        ["arn:aws:states:::states:startExecution"] = StartExecutionOutput,
        ["arn:aws:states:::states:startExecution.sync"] = DescribeExecutionOutput,
        ["arn:aws:states:::states:startExecution.sync:2"] = DescribeExecutionOutput,
        ["arn:aws:states:::sqs:sendMessage"] = Structure(
            ("MD5OfMessageBody", String()),
            ("MD5OfMessageAttributes", String()),
            ("MD5OfMessageSystemAttributes", String()),
            ("MessageId", String()),
            ("SequenceNumber", String())),
        ["arn:aws:states:::sns:publish"] = Structure(
            ("MessageId", String()),
            ("SequenceNumber", String())),
        ["arn:aws:states:::dynamodb:putItem"] = DynamoDbWriteOutput,
        ["arn:aws:states:::dynamodb:updateItem"] = DynamoDbWriteOutput,
        ["arn:aws:states:::dynamodb:deleteItem"] = DynamoDbWriteOutput,
        ["arn:aws:states:::dynamodb:getItem"] = Structure(
            ("Item", Map(Any)),
            ("ConsumedCapacity", ConsumedCapacity)),
        ["arn:aws:states:::events:putEvents"] = Structure(
            ("FailedEntryCount", Integer()),
            ("Entries", List(Structure(
                ("EventId", String()),
                ("ErrorCode", String()),
                ("ErrorMessage", String()))))),
        ["arn:aws:states:::aws-sdk:kms:encrypt"] = Structure(
            ("CiphertextBlob", Blob(1, 6144)),
            ("KeyId", String(1, 2048)),
            ("EncryptionAlgorithm", Enum("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"))),
        ["arn:aws:states:::aws-sdk:lambda:getFunction"] = Structure(
            ("Configuration", FunctionConfiguration),
            ("Code", Structure(
                ("RepositoryType", String()),
                ("Location", String()),
                ("ImageUri", String()),
                ("ResolvedImageUri", String()))),
            ("Tags", Map(String())),
            ("Concurrency", Structure(("ReservedConcurrentExecutions", Integer(0))))),
        ["arn:aws:states:::aws-sdk:s3:getObject"] = Structure(
            ("Body", Blob()),
            ("DeleteMarker", Bool),
            ("AcceptRanges", String()),
            ("Expiration", String()),
            ("Restore", String()),
            ("LastModified", Timestamp),
            ("ContentLength", Integer()),
            ("ETag", String()),
            ("MissingMeta", Integer()),
            ("VersionId", String()),
            ("CacheControl", String()),
            ("ContentDisposition", String()),
            ("ContentEncoding", String()),
            ("ContentLanguage", String()),
            ("ContentRange", String()),
            ("ContentType", String()),
            ("Expires", Timestamp),
            ("WebsiteRedirectLocation", String()),
            ("ServerSideEncryption", Enum("AES256", "aws:fsx", "aws:kms", "aws:kms:dsse")),
            ("Metadata", Map(String())),
            ("SSECustomerAlgorithm", String()),
            ("SSECustomerKeyMD5", String()),
            ("SSEKMSKeyId", String()),
            ("BucketKeyEnabled", Bool),
            ("StorageClass", Enum(
                "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
                "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE", "FSX_OPENZFS")),
            ("RequestCharged", Enum("requester")),
            ("ReplicationStatus", Enum("COMPLETE", "PENDING", "FAILED", "REPLICA", "COMPLETED")),
            ("PartsCount", Integer()),
            ("TagCount", Integer()),
            ("ObjectLockMode", Enum("GOVERNANCE", "COMPLIANCE")),
            ("ObjectLockRetainUntilDate", Timestamp),
            ("ObjectLockLegalHoldStatus", Enum("ON", "OFF"))),
        ["arn:aws:states:::aws-sdk:s3:putObject"] = Structure(
            ("Expiration", String()),
            ("ETag", String()),
            ("ServerSideEncryption", Enum("AES256", "aws:fsx", "aws:kms", "aws:kms:dsse")),
            ("VersionId", String()),
            ("SSEKMSKeyId", String()),
            ("BucketKeyEnabled", Bool),
            ("Size", Integer()),
            ("RequestCharged", Enum("requester"))),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The resources whose mocked results are validated.</summary>
    public static IEnumerable<string> Resources => ByResource.Keys;

    public static MockResultShape? Find(string resource)
    {
        if (ByResource.TryGetValue(resource, out var shape))
        {
            return shape;
        }

        // A .waitForTaskToken task's result is whatever the callback sends: only the request-response and .sync
        // shapes above apply.
        return null;
    }
}
