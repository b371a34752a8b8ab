using System.Globalization;
using System.Text;
using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.Durability;

/// <summary>
/// What a durable execution's store can keep: JSON text in UTF-8, nested at most <see cref="JsonValue.MaxDepth"/> levels (what a
/// parser reads back). A string with an unpaired UTF-16 surrogate is not Unicode and cannot be written as UTF-8 without
/// losing it; deeper data could not be read back. Such data arriving from outside — a task's result, its error — is
/// turned into an ASL error of the state that received it before it reaches the history, so the execution goes on (Retry
/// and Catch apply) instead of failing every checkpoint, and every recovery, on it.
/// </summary>
internal static class StorableData
{
    /// <summary>
    /// Throws the ASL error for a task result the store could not keep: <c>States.DataLimitExceeded</c> when it nests deeper
    /// than <see cref="JsonValue.MaxDepth"/>, <c>States.Runtime</c> when a string or member name holds an unpaired
    /// surrogate (naming its JSON pointer). The Unicode answer is kept on each node, so data seen before costs nothing.
    /// </summary>
    public static void ThrowIfUnstorable(JsonValue result, string stateName)
    {
        if (result.Depth > JsonValue.MaxDepth)
        {
            throw new StatesErrorException(
                StatesErrorNames.DataLimitExceeded,
                $"The state/task '{stateName}' returned a result nested {result.Depth} levels deep, deeper than {JsonValue.MaxDepth}, which the execution's store cannot keep.");
        }

        if (JsonDataProblems.Find(result) is { } problem)
        {
            throw new StatesErrorException(
                StatesErrorNames.Runtime,
                $"The state/task '{stateName}' returned a result the execution's store cannot keep (an unpaired UTF-16 surrogate is not Unicode): {problem}.");
        }
    }

    /// <summary>
    /// The error itself when its name and cause can be stored; otherwise the same error with every unpaired surrogate of
    /// its name and cause written as the escape <c>\uXXXX</c> (six characters), so the error is kept, visibly changed.
    /// </summary>
    public static StatesErrorException Storable(StatesErrorException error)
    {
        if (JsonDataProblems.LoneSurrogateAt(error.Error) < 0 && (error.Cause is null || JsonDataProblems.LoneSurrogateAt(error.Cause) < 0))
        {
            return error;
        }

        return new StatesErrorException(Escape(error.Error), error.Cause is null ? null : Escape(error.Cause), error);
    }

    private static string Escape(string text)
    {
        if (JsonDataProblems.LoneSurrogateAt(text) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
