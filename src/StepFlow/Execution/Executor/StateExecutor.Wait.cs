using System.Globalization;
using StepFlow.Definition;
using StepFlow.Definition.Choice;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution.Journal;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Execution.Executor;

/// <content>Wait.</content>
internal static partial class StateExecutor
{
    private static async ValueTask<(State? Next, JsonValue Output)> RunWaitAsync(WaitState state, JsonValue input, Frame frame, StateVisit visit, CancellationToken cancellationToken)
    {
        try
        {
            var run = frame.Run;
            var jsonata = state.Jsonata;
            var scope = jsonata is null ? null : NewJsonataScope(input, frame, visit);
            var effective = jsonata is null ? ApplyInputPath(state.InputPath, input, visit, frame) : input;
            var until = jsonata is null ? WaitUntil(state, effective, frame, visit) : JsonataWaitUntil(state, jsonata, scope!, frame, visit);
            if (run.CheckpointsEffects)
            {
                // The Wait's entry is stored before it sleeps, so its timer survives a restart.
                await TaskCheckpoints.BeforeEffectAsync(run).ConfigureAwait(false);
            }

            try
            {
                await DelayUntilAsync(run, until, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // A suspended run (engine shutdown) is not aborted: it resumes on the next start.
                if (!run.Suspending)
                {
                    VisitEvents.Add(frame, visit, HistoryEventTypes.WaitStateAborted, state.Name);
                }

                throw;
            }

            if (jsonata is not null)
            {
                return ExitJsonata(state, state.Next, scope!, input, jsonata.Output, jsonata.Assign, frame, visit);
            }

            var output = ApplyInputPath(state.OutputPath, effective, visit, frame, AslFields.OutputPath);
            return Exit(state, state.Next, output, frame, visit, state.Assign, effective);
        }
        catch (StateFieldException e)
        {
            throw e.WithPrefix(visit.ErrorPrefix);
        }
    }

    /// <summary>Waits until an instant on the engine's clock, or until the execution's deadline (then it times out).</summary>
    internal static async ValueTask DelayUntilAsync(RunContext run, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var deadline = run.Deadline;
        var target = deadline is { } d && d < until ? d : until;
        // Timers take at most ~49.7 days, and ASL allows waits up to a year: wait in slices (to the millisecond).
        var maxSlice = TimeSpan.FromDays(30);
        for (var delay = target - run.TimeProvider.GetUtcNow(); delay >= TimeSpan.FromMilliseconds(1); delay = target - run.TimeProvider.GetUtcNow())
        {
            await Task.Delay(delay < maxSlice ? delay : maxSlice, run.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (deadline is { } limit && target == limit && until > limit)
        {
            throw new ExecutionTimedOutException();
        }
    }

    private static DateTimeOffset WaitUntil(WaitState state, JsonValue input, Frame frame, StateVisit visit)
    {
        // From the entry time (not now): a Wait resumed after a restart keeps its original due time.
        var now = visit.EnteredTime;
        if (state.Seconds is { } seconds)
        {
            return now.AddSeconds(seconds);
        }

        if (state.Timestamp is { } timestamp)
        {
            return timestamp;
        }

        var scope = new PathScope(input, visit, frame.Variables);
        if (state.SecondsPath is { } secondsPath)
        {
            if (!secondsPath.TryEvaluate(scope, out var value))
            {
                throw new StateFieldException(StatesErrorNames.Runtime, $"The SecondsPath parameter does not reference an input value: {secondsPath.Text}", AslFields.SecondsPath);
            }

            if (value is not JsonNumber number || !number.TryGetInt64(out var count))
            {
                throw new StateFieldException(StatesErrorNames.Runtime, $"The SecondsPath parameter cannot be parsed as a long value: {secondsPath.Text} == {Describe(value)}", AslFields.SecondsPath);
            }

            if (count < 0)
            {
                throw new StateFieldException(StatesErrorNames.Runtime, $"The SecondsPath parameter references a negative value: {secondsPath.Text} == {count}", AslFields.SecondsPath);
            }

            return now.AddSeconds(Math.Min(count, 99_999_999));
        }

        var timestampPath = state.TimestampPath!;
        if (!timestampPath.TryEvaluate(scope, out var stamp))
        {
            throw new StateFieldException(StatesErrorNames.Runtime, $"The TimestampPath parameter does not reference an input value: {timestampPath.Text}", AslFields.TimestampPath);
        }

        if (stamp is not JsonString text || !Rfc3339.TryParse(text.Value, out var instant))
        {
            throw new StateFieldException(
                StatesErrorNames.Runtime,
                $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {timestampPath.Text} == {Describe(stamp)}",
                AslFields.TimestampPath);
        }

        return instant;
    }

    private static string Describe(JsonValue value) => value is JsonString text ? text.Value : value.ToJsonString();

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
