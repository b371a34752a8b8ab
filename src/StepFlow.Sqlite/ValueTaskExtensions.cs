namespace StepFlow.Sqlite;

/// <summary>Drops the result of a <see cref="ValueTask{TResult}"/>.</summary>
internal static class ValueTaskExtensions
{
    public static ValueTask AsVoid<T>(this ValueTask<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            _ = task.Result;
            return ValueTask.CompletedTask;
        }

        return Await(task);

        static async ValueTask Await(ValueTask<T> pending) => await pending.ConfigureAwait(false);
    }
}
