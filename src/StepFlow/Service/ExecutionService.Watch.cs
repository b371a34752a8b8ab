using System.Runtime.CompilerServices;
using StepFlow.History;

namespace StepFlow.Service;

/// <content>The live event stream of an execution (<see cref="StepFlowEngine.WatchExecutionAsync"/>).</content>
internal sealed partial class ExecutionService
{
    /// <summary>
    /// Every event of the execution, in order, from its first: those recorded so far, then each one as it is recorded,
    /// ending once the execution has closed (or, for one this engine is not running, with what the store holds).
    /// The stream reads the execution's own history, which the run keeps anyway: a watcher buffers nothing, however far
    /// it falls behind, and loses nothing; the run never waits for it.
    /// </summary>
    public async IAsyncEnumerable<HistoryEvent> WatchAsync(string executionArn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var record = await GetRecordAsync(executionArn, cancellationToken).ConfigureAwait(false);
        if (!_live.TryGetValue(record.ExecutionArn, out var live) || !live.Run.History.IsRecording)
        {
            if (live is not null)
            {
                await live.Closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var stored in await ReadHistoryAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false))
            {
                yield return stored;
            }

            yield break;
        }

        var history = live.Run.History;
        var closed = live.Closed.Task;
        long seen = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The signal is taken before the events are read, so an event appended after this read wakes the wait below.
            var appended = history.WhenCountExceeds(seen);
            var ended = closed.IsCompleted;
            var events = history.Events;
            for (var i = (int)seen; i < events.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                seen = i + 1;
                yield return events[i];
            }

            if (ended && seen >= events.Count)
            {
                // Closed before this read: every event of the run has been read.
                yield break;
            }

            if (seen < events.Count)
            {
                continue;
            }

            await Task.WhenAny(appended, closed).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
