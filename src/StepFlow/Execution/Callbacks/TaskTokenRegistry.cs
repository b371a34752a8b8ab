using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using StepFlow.Tasks;

namespace StepFlow.Execution.Callbacks;

/// <summary>
/// The engine's open task tokens. Tokens are opaque, random (256 bits) and single-use: the first caller
/// that removes a token (an answer, a timeout, the end of the execution) owns it, and later calls with it
/// fail with <see cref="TaskApiErrorCodes.TaskTimedOut"/> as AWS's do. A bounded memory of closed tokens
/// tells a stale token from one that never existed.
/// </summary>
internal sealed class TaskTokenRegistry
{
    private const string Prefix = "sft1";
    private const int RandomBytes = 32;
    private const int MaxRemembered = 100_000;
    private static readonly int TokenLength = Prefix.Length + Base64Url.GetEncodedLength(RandomBytes);

    private readonly ConcurrentDictionary<string, PendingTask> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _closed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _closedOrder = new();

    /// <summary>The number of tasks waiting for an answer.</summary>
    public int OpenCount => _open.Count;

    public static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Base64Url.EncodeToString(bytes);
    }

    /// <summary>A token from 32 bytes the caller chose (derived tokens of durable executions).</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes) => Prefix + Base64Url.EncodeToString(bytes[..RandomBytes]);

    public void Open(PendingTask task)
    {
        if (!_open.TryAdd(task.Token, task))
        {
            throw new InvalidOperationException("A task token was issued twice.");
        }
    }

    /// <summary>Finds an open task (for heartbeats) or throws AWS's error for the token.</summary>
    public PendingTask Find(string token)
    {
        Validate(token);
        return _open.TryGetValue(token, out var task) ? task : throw Missing(token);
    }

    /// <summary>Takes an open task to answer it; exactly one caller wins a token.</summary>
    public PendingTask Take(string token)
    {
        Validate(token);
        if (!_open.TryRemove(token, out var task))
        {
            throw Missing(token);
        }

        Remember(task);
        return task;
    }

    /// <summary>Closes a task that is still open (timeout, failure, abort); false when an answer got there first.</summary>
    public bool TryClose(PendingTask task)
    {
        if (!_open.TryRemove(new KeyValuePair<string, PendingTask>(task.Token, task)))
        {
            return false;
        }

        Remember(task);
        return true;
    }

    private void Remember(PendingTask task)
    {
        task.MarkClosed();
        if (_closed.TryAdd(task.Token, 0))
        {
            _closedOrder.Enqueue(task.Token);
            while (_closedOrder.Count > MaxRemembered && _closedOrder.TryDequeue(out var oldest))
            {
                _closed.TryRemove(oldest, out _);
            }
        }
    }

    private TaskApiException Missing(string token) => _closed.ContainsKey(token)
        ? new TaskApiException(TaskApiErrorCodes.TaskTimedOut, "Task Timed Out: the task for this token does not exist anymore (it was answered, timed out, or its execution ended).")
        : new TaskApiException(TaskApiErrorCodes.TaskDoesNotExist, "No task with this token exists.");

    private static void Validate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length != TokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal) || !IsBase64Url(token.AsSpan(Prefix.Length)))
        {
            throw new TaskApiException(TaskApiErrorCodes.InvalidToken, "Invalid token: it is not a task token this engine issued.");
        }
    }

    private static bool IsBase64Url(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
