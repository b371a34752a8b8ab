namespace StepFlow.Service;

/// <content>
/// Draining before a shutdown: new executions from outside are refused while the running ones go on (and may still start
/// their own child executions) until they close or the caller stops waiting.
/// </content>
internal sealed partial class ExecutionService
{
    private volatile bool _draining;

    /// <summary>
    /// Refuses new executions from outside from now on and completes with true once no execution runs, or with false when
    /// <paramref name="cancellationToken"/> is cancelled first (the executions still running go on).
    /// </summary>
    public async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        while (true)
        {
            var running = _live.Values.Where(live => !live.Closed.Task.IsCompleted).Select(live => live.Closed.Task).ToList();
            if (running.Count == 0)
            {
                return true;
            }

            try
            {
                await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An execution that could not write its end is reported by its own run; the drain only waits for it.
            }
        }
    }

    private void ThrowIfDraining(string action)
    {
        if (_draining)
        {
            throw new ExecutionApiException(
                ExecutionApiErrorCodes.ServiceUnavailable,
                $"{action} refused: the engine is draining for shutdown and takes no new executions (the running ones finish, or stop where they are and resume when the engine next recovers).");
        }
    }
}
