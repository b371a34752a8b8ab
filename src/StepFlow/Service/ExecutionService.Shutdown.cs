namespace StepFlow.Service;

/// <content>Clean shutdown: running executions stop where they are without closing, ready to resume.</content>
internal sealed partial class ExecutionService
{
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        var running = _live.Values.ToList();
        foreach (var live in running)
        {
            // Mark every run before cancelling any: a parent must see that it is suspending when its .sync child stops.
            live.Run.Suspending = true;
        }

        foreach (var live in running)
        {
            try
            {
                await live.Stop.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // It closed after the list was taken: nothing left to stop.
            }
        }

        foreach (var live in running)
        {
            try
            {
                await live.Closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The execution's own failure to write is reported by the run; shutdown goes on with the others.
            }
        }

        if (_writer.IsValueCreated)
        {
            await _writer.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
