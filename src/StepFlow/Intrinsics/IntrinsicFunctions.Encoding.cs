using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>States.Base64Encode, States.Base64Decode and States.Hash.</summary>
internal static partial class IntrinsicFunctions
{
    /// <summary>The longest string Base64Encode, Base64Decode and Hash accept (AWS developer guide).</summary>
    public const int MaxEncodingInputLength = 10_000;

    private static JsonString Base64Encode(CallExpression call, in IntrinsicContext context)
    {
        var text = RequireEncodingInput(call, in context);
        return text.Length == 0 ? JsonString.Empty : new JsonString(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    private static JsonString Base64Decode(CallExpression call, in IntrinsicContext context)
    {
        var text = RequireEncodingInput(call, in context);
        if (text.Length == 0)
        {
            return JsonString.Empty;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((text.Length * 3 / 4) + 3);
        try
        {
            return Convert.TryFromBase64String(text, buffer, out var written)
                ? new JsonString(Encoding.UTF8.GetString(buffer, 0, written))
                : throw call.InvalidArguments();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonString Hash(CallExpression call, in IntrinsicContext context)
    {
        var data = RequireEncodingInput(call, in context);
        var algorithm = RequireString(call, 1, in context);
        var bytes = Encoding.UTF8.GetBytes(data);
        byte[] digest;
        switch (algorithm)
        {
            case "MD5":
#pragma warning disable CA5351 // States.Hash must offer MD5: it is part of the AWS contract, not used for security here.
                digest = MD5.HashData(bytes);
#pragma warning restore CA5351
                break;
            case "SHA-1":
#pragma warning disable CA5350 // States.Hash must offer SHA-1: it is part of the AWS contract, not used for security here.
                digest = SHA1.HashData(bytes);
#pragma warning restore CA5350
                break;
            case "SHA-256":
                digest = SHA256.HashData(bytes);
                break;
            case "SHA-384":
                digest = SHA384.HashData(bytes);
                break;
            case "SHA-512":
                digest = SHA512.HashData(bytes);
                break;
            default:
                throw call.InvalidArguments();
        }

        return new JsonString(Convert.ToHexStringLower(digest));
    }

    private static string RequireEncodingInput(CallExpression call, in IntrinsicContext context)
    {
        var text = RequireString(call, 0, in context);
        return text.Length <= MaxEncodingInputLength ? text : throw call.InvalidArguments();
    }
}
