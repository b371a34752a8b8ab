using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace StepFlow.Server;

/// <summary>Reads a request body into a pooled buffer, never more than the configured limit.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body's bytes in a rented array (return it to <see cref="ArrayPool{T}.Shared"/>); a body over
    /// <paramref name="limit"/> bytes is refused as soon as that shows (its declared length or the bytes read so far).
    /// </summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(declared, limit);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, Math.Max(request.ContentLength ?? 4096, 256)));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        throw TooLarge(length, limit);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, buffer.Length * 2L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw TooLarge(length, limit);
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static ApiError TooLarge(long length, int limit) => new(
        ApiErrorNames.RequestEntityTooLargeException,
        $"The request body is {(length > limit ? "larger than" : length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes, over")} the limit of {limit} bytes.",
        StatusCodes.Status413PayloadTooLarge);
}
