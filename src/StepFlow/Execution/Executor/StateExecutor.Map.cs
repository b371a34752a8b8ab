using System.Globalization;
using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution.Journal;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Execution.Executor;

/// <content>Map (inline; distributed Maps run in-process the same way).</content>
internal static partial class StateExecutor
{
    private static ValueTask<(State? Next, JsonValue Output)> RunMapAsync(MapState state, JsonValue input, Frame frame, StateVisit visit, CancellationToken cancellationToken) =>
        RunWithRecoveryAsync(state, state.Retry, state.Catch, state.ResultPath, RunMapAttemptAsync, input, frame, visit, cancellationToken);

    /// <summary>One attempt: the items and settings, every iteration, ResultSelector.</summary>
    private static async ValueTask<JsonValue> RunMapAttemptAsync(State mapState, JsonValue input, JsonataScope? scope, Frame frame, StateVisit visit, CancellationToken cancellationToken)
    {
        var state = (MapState)mapState;
        JsonValue effective;
        JsonArray items;
        MapSettings settings;
        if (state.Jsonata is not { } jsonata)
        {
            effective = ApplyInputPath(state.InputPath, input, visit, frame);
            items = ResolveItems(state, effective, visit, frame);
            var maxConcurrency = ResolveMaxConcurrency(state, effective, visit, frame);
            VisitEvents.Add(frame, visit, HistoryEventTypes.MapStateStarted, extra: JsonObject.Create(("length", JsonValue.From(items.Count))));

            // AWS resolves MaxConcurrencyPath before MapStateStarted and the ToleratedFailure paths after it.
            settings = ResolveMapSettings(state, maxConcurrency, effective, visit, frame);
        }
        else
        {
            effective = input;
            items = JsonataItems(jsonata, scope!, frame, visit);
            settings = JsonataMapSettings(state, jsonata, scope!, frame, visit);
            VisitEvents.Add(frame, visit, HistoryEventTypes.MapStateStarted, extra: JsonObject.Create(("length", JsonValue.From(items.Count))));
        }

        if (state.IsDistributed)
        {
            VisitEvents.Add(frame, visit, HistoryEventTypes.MapRunStarted);
        }

        JsonValue result;
        try
        {
            result = await RunIterationsAsync(state, effective, items, settings, frame, visit, cancellationToken).ConfigureAwait(false);
        }
        catch (StatesErrorException error) when (state.IsDistributed && error is not StateFieldException)
        {
            VisitEvents.Add(frame, visit, HistoryEventTypes.MapRunFailed, extra: ErrorDetails(error));
            throw;
        }

        if (state.IsDistributed)
        {
            VisitEvents.Add(frame, visit, HistoryEventTypes.MapRunSucceeded);
        }

        VisitEvents.Add(frame, visit, HistoryEventTypes.MapStateSucceeded);
        return state.ResultSelector is not null ? Evaluate(state.ResultSelector, result, visit, frame) : result;
    }

    private static JsonArray ResolveItems(MapState state, JsonValue effective, StateVisit visit, Frame frame)
    {
        if (state.HasItemReader)
        {
            throw new StateFieldException(StatesErrorNames.Runtime, "ItemReader sources (S3) are not available to an in-process Map; pass the items in the input instead.", AslFields.ItemReader);
        }

        var items = ApplyInputPath(state.ItemsPath, effective, visit, frame, AslFields.ItemsPath);
        if (items is not JsonArray array)
        {
            throw new StateFieldException(
                StatesErrorNames.Runtime,
                $"Invalid path '{state.ItemsPath.Path?.Text ?? "$"}': The ItemsPath field must reference a JSON array, but it references {items.KindName}: {items.ToJsonString()}",
                AslFields.ItemsPath);
        }

        return array;
    }

    private static int ResolveMaxConcurrency(MapState state, JsonValue effective, StateVisit visit, Frame frame)
    {
        if (state.MaxConcurrencyPath is not { } concurrencyPath)
        {
            return state.MaxConcurrency;
        }

        var value = ResolveNumber(concurrencyPath, new PathScope(effective, visit, frame.Variables), AslFields.MaxConcurrencyPath, integer: true);
        if (value < 0)
        {
            throw new StateFieldException(StatesErrorNames.Runtime, "MaxConcurrency cannot be negative.", AslFields.MaxConcurrencyPath);
        }

        return (int)Math.Min(value, int.MaxValue);
    }

    private static MapSettings ResolveMapSettings(MapState state, int maxConcurrency, JsonValue effective, StateVisit visit, Frame frame)
    {
        var scope = new PathScope(effective, visit, frame.Variables);
        var percentage = state.ToleratedFailurePercentage;
        if (state.ToleratedFailurePercentagePath is { } percentagePath)
        {
            percentage = ResolveNumber(percentagePath, scope, AslFields.ToleratedFailurePercentagePath, integer: false);
        }

        if (percentage is < 0 or > 100)
        {
            throw new StateFieldException(StatesErrorNames.Runtime, "ToleratedFailurePercentage must be between 0 and 100.", AslFields.ToleratedFailurePercentage);
        }

        var count = state.ToleratedFailureCount;
        if (state.ToleratedFailureCountPath is { } countPath)
        {
            count = (long)ResolveNumber(countPath, scope, AslFields.ToleratedFailureCountPath, integer: true);
        }

        if (count < 0)
        {
            throw new StateFieldException(StatesErrorNames.Runtime, "ToleratedFailureCount cannot be negative.", AslFields.ToleratedFailureCount);
        }

        return new MapSettings(maxConcurrency, percentage, count);
    }

    private static double ResolveNumber(JsonPath path, in PathScope scope, string field, bool integer)
    {
        var kind = integer ? "integer" : "float";
        if (!path.TryEvaluate(scope, out var value))
        {
            throw new StateFieldException(StatesErrorNames.Runtime, $"The {field} field refers to a value that does not exist: {path.Text}", field);
        }

        switch (value)
        {
            case JsonNumber number when !integer || number.IsIntegral:
                return number.DoubleValue;
            case JsonString text when double.TryParse(text.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && (!integer || Math.Floor(parsed) == parsed):
                return parsed;
            default:
                throw new StateFieldException(
                    StatesErrorNames.Runtime,
                    $"The {field} field refers to value \"{(value is JsonString s ? s.Value : value.ToJsonString())}\" which is not a valid {kind}: {path.Text}",
                    field);
        }
    }

    private static async ValueTask<JsonValue> RunIterationsAsync(
        MapState state, JsonValue effective, JsonArray items, MapSettings settings, Frame frame, StateVisit visit, CancellationToken cancellationToken)
    {
        var run = frame.Run;
        var results = new JsonValue[items.Count];
        var limit = settings.MaxConcurrency == 0 ? run.Engine.Options.MaxMapConcurrency : settings.MaxConcurrency;
        var tolerance = new FailureTolerance(items.Count, settings);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var failure = new FirstFailure();
        var pending = new List<Task>();
        Frame? spare = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (failure.Error is not null)
            {
                break;
            }

            Frame child;
            if (state.IsDistributed)
            {
                child = frame.CreateMapRunChild(i, visit.RetryCount);
            }
            else if (spare is not null)
            {
                child = spare.ReuseAsChildOf(frame);
                spare = null;
            }
            else
            {
                child = frame.CreateChild('i', i, visit.RetryCount);
            }

            var iteration = RunIterationAsync(state, effective, items[i], i, frame, child, visit, abort.Token);
            if (iteration.IsCompletedSuccessfully)
            {
                results[i] = iteration.Result;

                // The iteration ran to its end without waiting, so nothing holds its frame: the next one reuses it.
                spare = child.Scope is null && !state.IsDistributed ? child : null;
                continue;
            }

            pending.Add(CollectIterationAsync(iteration, results, i, tolerance, failure, abort, run, state));
            if (pending.Count >= limit)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
            }
        }

        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (Exception) when (failure.Error is not null || cancellationToken.IsCancellationRequested)
        {
            // The first failure is reported below.
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (failure.Error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure.Error);
        }

        return JsonArray.TakeOwnership(results);
    }

    private static async ValueTask<JsonValue> RunIterationAsync(MapState state, JsonValue effective, JsonValue item, int index, Frame frame, Frame child, StateVisit visit, CancellationToken cancellationToken)
    {
        var recorded = !state.IsDistributed;
        var itemInput = item;
        if (state.Jsonata?.ItemSelector is { } selector)
        {
            try
            {
                itemInput = EvaluateJsonata(selector, NewJsonataScope(effective, visit.WithMapItem(index, item), frame), frame, visit);
            }
            catch (StateFieldException e)
            {
                throw e.WithPrefix(visit.ErrorPrefix);
            }
        }
        else if (state.ItemSelector is not null)
        {
            try
            {
                itemInput = state.ItemSelector.Evaluate(new PathScope(effective, visit.WithMapItem(index, item), frame.Variables));
            }
            catch (StatesErrorException e) when (e is not StateFieldException)
            {
                throw new StateFieldException(e.Error, e.Cause ?? string.Empty, AslFields.ItemSelector).WithPrefix(visit.ErrorPrefix);
            }
        }

        var started = frame.Run.TimeProvider.GetUtcNow();
        if (recorded)
        {
            VisitEvents.Add(frame, visit, HistoryEventTypes.MapIterationStarted, state.Name, index: index, utcTicks: started.UtcTicks);
        }

        try
        {
            child.ShareClock(started);
            var output = await RunGraphAsync(state.ItemProcessor, itemInput, child, cancellationToken).ConfigureAwait(false);
            if (recorded)
            {
                VisitEvents.Add(frame, visit, HistoryEventTypes.MapIterationSucceeded, state.Name, index: index, utcTicks: child.SharedClockTicks());
            }

            return output;
        }
        catch (StatesErrorException)
        {
            if (recorded)
            {
                VisitEvents.Add(frame, visit, HistoryEventTypes.MapIterationFailed, state.Name, index: index);
            }

            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A suspended run (engine shutdown) is not aborted: it resumes on the next start.
            if (recorded && !frame.Run.Suspending)
            {
                VisitEvents.Add(frame, visit, HistoryEventTypes.MapIterationAborted, state.Name, index: index);
            }

            throw;
        }
    }

    private static async Task CollectIterationAsync(
        ValueTask<JsonValue> iteration, JsonValue[] results, int index, FailureTolerance tolerance, FirstFailure failure, CancellationTokenSource abort, RunContext run, MapState state)
    {
        try
        {
            results[index] = await iteration.ConfigureAwait(false);
        }
        catch (StatesErrorException e) when (tolerance.Tolerate())
        {
            results[index] = ErrorOutput(e);
        }
        catch (StatesErrorException e) when (tolerance.IsTolerant)
        {
            var exceeded = new StatesErrorException(
                StatesErrorNames.ExceedToleratedFailureThreshold,
                $"The specified tolerated failure threshold was exceeded in the Map state '{state.Name}'.",
                e);
            if (failure.TrySet(exceeded))
            {
                await abort.CancelAsync().ConfigureAwait(false);
            }

            throw exceeded;
        }
        catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            if (failure.TrySet(e))
            {
                await abort.CancelAsync().ConfigureAwait(false);
            }

            _ = run;
            throw;
        }
    }

    private readonly record struct MapSettings(int MaxConcurrency, double? ToleratedFailurePercentage, long? ToleratedFailureCount);

    /// <summary>Counts failed iterations against ToleratedFailureCount / ToleratedFailurePercentage.</summary>
    private sealed class FailureTolerance(int total, MapSettings settings)
    {
        private int _failures;

        public bool IsTolerant => settings.ToleratedFailureCount is > 0 || settings.ToleratedFailurePercentage is > 0;

        public bool Tolerate()
        {
            if (!IsTolerant)
            {
                return false;
            }

            var failures = Interlocked.Increment(ref _failures);
            var withinCount = settings.ToleratedFailureCount is { } count && failures <= count;
            var withinPercentage = settings.ToleratedFailurePercentage is { } percentage && total > 0 && failures * 100.0 / total <= percentage;
            return withinCount || withinPercentage;
        }
    }
}
