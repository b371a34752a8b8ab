using System.Collections.Concurrent;
using System.Globalization;
using StepFlow.Execution;
using StepFlow.Execution.Journal;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.StateMachines;

namespace StepFlow.Service;

/// <summary>
/// The AWS-shaped execution API over an <see cref="IExecutionStore"/>: starts executions of registered state machines in
/// the background, answers Describe/List/History from the live run or the store, stops them, and writes their end.
/// </summary>
internal sealed partial class ExecutionService
{
    private readonly EngineRuntime _engine;
    private readonly ConcurrentDictionary<string, LiveExecution> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Durability.ExecutionStoreException> _stalled = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _initialize = new(1, 1);
    private readonly SemaphoreSlim _redrive = new(1, 1);
    private readonly Lazy<Durability.StoreWriter> _writer;
    private volatile bool _initialized;
    private volatile bool _shuttingDown;

    public ExecutionService(EngineRuntime engine, StateMachineRegistry machines, IExecutionStore store)
    {
        _engine = engine;
        Machines = machines;
        Store = store;
        _writer = new Lazy<Durability.StoreWriter>(() => new Durability.StoreWriter(store), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public StateMachineRegistry Machines { get; }

    public IExecutionStore Store { get; }

    private EngineOptions Options => _engine.Options;

    /// <summary>StartExecution from outside the engine (refused while draining; a running parent's child start is not).</summary>
    public Task<StartExecutionResult> StartAsync(string stateMachineArn, JsonValue? input, string? name, CancellationToken cancellationToken)
    {
        ThrowIfDraining("StartExecution");
        return StartAsync(stateMachineArn, input, name, null, cancellationToken);
    }

    /// <summary>
    /// StartExecution; <paramref name="allowedResources"/> (a parent's per-execution allow-list, for a nested execution)
    /// restricts the child's Task resources as it restricts the parent's.
    /// </summary>
    public async Task<StartExecutionResult> StartAsync(
        string stateMachineArn, JsonValue? input, string? name, IReadOnlyCollection<string>? allowedResources, CancellationToken cancellationToken)
    {
        var machine = FindMachine(stateMachineArn);
        name = ValidName(name);

        input = CheckInput(input);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        if (machine.Type == StateMachineType.Express)
        {
            var run = CreateRun(machine, input, name, ExpressArn(machine, name), allowedResources);
            _ = ExecutionRunner.RunAsync(run, CancellationToken.None);
            return new StartExecutionResult(run.ExecutionArn, run.StartTime);
        }

        ThrowIfUnavailable();
        var arn = ExecutionArn(machine, name);
        var live = Prepare(machine, input, name, arn, allowedResources);
        while (!_live.TryAdd(arn, live))
        {
            if (_live.TryGetValue(arn, out var running))
            {
                // AWS: the same name and input as a running execution returns the original response (once it exists).
                await running.Created.WaitAsync(cancellationToken).ConfigureAwait(false);
                return SameName(running.Record, input);
            }
        }

        ExecutionRecord? stored;
        try
        {
            stored = await Store.GetAsync(arn, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Withdraw(live);
            throw;
        }

        if (stored is not null)
        {
            Withdraw(live);
            return SameName(stored, input);
        }

        // The run starts while its creation commits on the writer's thread: its first checkpoint, and so every effect
        // it has, is queued after the creation. StartExecution answers once the execution is durable.
        var created = live.Run.Log!.CreateAsync(live.Record);
        live.Created = WatchCreationAsync(live, created);
        _ = live.Created.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _ = Task.Run(() => RunLiveAsync(live));
        var existing = await created.WaitAsync(cancellationToken).ConfigureAwait(false);
        return existing is null ? new StartExecutionResult(arn, live.Record.StartDate) : SameName(existing, input);
    }

    /// <summary>AWS's rule for a name in use: the same input as a running execution returns it; anything else is refused.</summary>
    private static StartExecutionResult SameName(ExecutionRecord existing, JsonValue input) =>
        existing.Status == ExecutionStatus.Running && existing.Input.Equals(input)
            ? new StartExecutionResult(existing.ExecutionArn, existing.StartDate)
            : throw new ExecutionApiException(ExecutionApiErrorCodes.ExecutionAlreadyExists, $"Execution Already Exists: '{existing.ExecutionArn}'");

    /// <summary>Drops the run of an execution that could not be created; completes once it is created.</summary>
    private async Task WatchCreationAsync(LiveExecution live, Task<ExecutionRecord?> created)
    {
        ExecutionRecord? existing;
        try
        {
            existing = await created.ConfigureAwait(false);
        }
        catch
        {
            Abandon(live);
            throw;
        }

        if (existing is not null)
        {
            Abandon(live);
            throw new ExecutionApiException(ExecutionApiErrorCodes.ExecutionAlreadyExists, $"Execution Already Exists: '{existing.ExecutionArn}'");
        }
    }

    /// <summary>Gives up a reserved execution that never ran (its name was taken, or the store could not say).</summary>
    private void Withdraw(LiveExecution live)
    {
        _live.TryRemove(new KeyValuePair<string, LiveExecution>(live.Record.ExecutionArn, live));
        live.Closed.TrySetException(new InvalidOperationException($"The execution '{live.Record.ExecutionArn}' was not started."));
        _ = live.Closed.Task.Exception;
    }

    private void Abandon(LiveExecution live)
    {
        var arn = live.Record.ExecutionArn;
        lock (live.Gate)
        {
            live.Abandoned = true;
            if (live.StalledWith is { } stalled)
            {
                _stalled.TryRemove(new KeyValuePair<string, Durability.ExecutionStoreException>(arn, stalled));
            }
        }

        live.Run.Suspending = true;
        try
        {
            live.Stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run has ended already.
        }

        _live.TryRemove(new KeyValuePair<string, LiveExecution>(arn, live));
    }

    /// <summary>StartSyncExecution from outside the engine (refused while draining; a running parent's child start is not).</summary>
    public Task<SyncExecutionResult> StartSyncAsync(string stateMachineArn, JsonValue? input, string? name, CancellationToken cancellationToken)
    {
        ThrowIfDraining("StartSyncExecution");
        return StartSyncAsync(stateMachineArn, input, name, null, cancellationToken);
    }

    /// <summary>StartSyncExecution; <paramref name="allowedResources"/> as for <see cref="StartAsync(string, JsonValue?, string?, IReadOnlyCollection{string}?, CancellationToken)"/>.</summary>
    public async Task<SyncExecutionResult> StartSyncAsync(
        string stateMachineArn, JsonValue? input, string? name, IReadOnlyCollection<string>? allowedResources, CancellationToken cancellationToken)
    {
        var machine = FindMachine(stateMachineArn);
        if (machine.Type != StateMachineType.Express)
        {
            throw new ExecutionApiException(
                ExecutionApiErrorCodes.StateMachineTypeNotSupported,
                "This operation is not supported by this type of state machine: StartSyncExecution needs an Express state machine.");
        }

        name = ValidName(name);

        input = CheckInput(input);
        var run = CreateRun(machine, input, name, ExpressArn(machine, name), allowedResources);
        var result = await ExecutionRunner.RunAsync(run, cancellationToken).ConfigureAwait(false);
        return new SyncExecutionResult
        {
            ExecutionArn = run.ExecutionArn,
            StateMachineArn = machine.Arn,
            Name = name,
            Status = result.Status,
            StartDate = result.StartDate,
            StopDate = result.StopDate,
            Input = input,
            Output = result.Output,
            Error = result.Error,
            Cause = result.Cause,
        };
    }

    public async Task<ExecutionDescription> DescribeAsync(string executionArn, CancellationToken cancellationToken)
    {
        var record = await GetRecordAsync(executionArn, cancellationToken).ConfigureAwait(false);
        return Describe(record);
    }

    public async Task<ExecutionDescription> WaitAsync(string executionArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        if (_live.TryGetValue(executionArn, out var live))
        {
            return Describe(await live.Closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false));
        }

        var record = await GetRecordAsync(executionArn, cancellationToken).ConfigureAwait(false);
        if (record.Status == ExecutionStatus.Running)
        {
            if (_live.TryGetValue(executionArn, out live))
            {
                record = await live.Closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (_stalled.TryGetValue(executionArn, out var fault))
            {
                throw fault;
            }
            else if (record.Error == UnrecoverableExecution.QuarantinedError)
            {
                throw new InvalidOperationException($"The execution '{executionArn}' is quarantined and does not run: {record.Cause}");
            }
            else
            {
                throw new InvalidOperationException(
                    $"The execution '{executionArn}' is RUNNING in the store but not in this engine; call RecoverAsync to resume it.");
            }
        }

        return Describe(record);
    }

    public async Task<ExecutionPage> ListAsync(ListExecutionsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var machine = FindMachine(request.StateMachineArn);
        if (machine.Type == StateMachineType.Express)
        {
            throw new ExecutionApiException(
                ExecutionApiErrorCodes.StateMachineTypeNotSupported,
                "This operation is not supported by this type of state machine: Express executions are not recorded.");
        }

        if (request.MaxResults is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxResults, "MaxResults must be 1–1,000.");
        }

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        ExecutionRecordPage page;
        try
        {
            page = await Store.ListAsync(
                new ExecutionQuery
                {
                    StateMachineArn = machine.Arn,
                    Status = request.StatusFilter,
                    Redriven = request.Redriven,
                    Limit = request.MaxResults,
                    Continuation = request.NextToken,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidToken, $"Invalid Token: {e.Message}");
        }

        return new ExecutionPage([.. page.Records.Select(Summarize)], page.Continuation);
    }

    public async Task<HistoryPage> GetHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxResults is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxResults, "MaxResults must be 1–1,000.");
        }

        var start = 0;
        if (request.NextToken is not null &&
            (!int.TryParse(request.NextToken, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidToken, "Invalid Token: not one GetExecutionHistory returned.");
        }

        var events = await ReadHistoryAsync(request.ExecutionArn, cancellationToken).ConfigureAwait(false);
        var page = new List<HistoryEvent>(Math.Min(request.MaxResults, Math.Max(0, events.Count - start)));
        for (var i = start; i < events.Count && page.Count < request.MaxResults; i++)
        {
            var e = events[request.ReverseOrder ? events.Count - 1 - i : i];
            page.Add(request.IncludeExecutionData ? e : HistoryConversion.WithoutData(e));
        }

        var next = start + page.Count;
        return new HistoryPage(page, next < events.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
    }

    public async Task<DateTimeOffset> StopAsync(string executionArn, string? error, string? cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        if (error is { Length: > 256 })
        {
            throw new ArgumentException("The error is longer than 256 characters.", nameof(error));
        }

        if (cause is { Length: > 32_768 })
        {
            throw new ArgumentException("The cause is longer than 32,768 characters.", nameof(cause));
        }

        if (_live.TryGetValue(executionArn, out var live))
        {
            live.Run.StopRequest = (error, cause);
            await live.Stop.CancelAsync().ConfigureAwait(false);
            var closed = await live.Closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return closed.StopDate ?? _engine.TimeProvider.GetUtcNow();
        }

        var record = await GetRecordAsync(executionArn, cancellationToken).ConfigureAwait(false);
        return record.StopDate ?? _engine.TimeProvider.GetUtcNow();
    }

    private RegisteredStateMachine FindMachine(string stateMachineArn)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        if (!stateMachineArn.StartsWith("arn:", StringComparison.Ordinal) || !stateMachineArn.Contains(":stateMachine:", StringComparison.Ordinal))
        {
            throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidArn, $"Invalid Arn: '{stateMachineArn}' is not a state machine ARN.");
        }

        return Machines.TryGet(stateMachineArn, out var machine)
            ? machine
            : throw new ExecutionApiException(ExecutionApiErrorCodes.StateMachineDoesNotExist, $"State Machine Does Not Exist: '{stateMachineArn}'");
    }

    /// <summary>The execution name: the one given when AWS's naming rules accept it, or a new GUID.</summary>
    private string ValidName(string? name)
    {
        name ??= _engine.NewUuid().ToString();
        return ResourceNames.IsValid(name, out var reason)
            ? name
            : throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidName, $"Invalid Name: '{name}': {reason}.");
    }

    private JsonValue CheckInput(JsonValue? input)
    {
        input ??= JsonObject.Empty;
        ThrowIfInvalidInput(Options, input);
        return input;
    }

    /// <summary>
    /// StartExecution's refusal (<c>InvalidExecutionInput</c>) of an input JSON text could not carry (nested deeper than
    /// <see cref="JsonValue.MaxDepth"/>, a string with an unpaired surrogate) or larger than the payload limit.
    /// </summary>
    internal static void ThrowIfInvalidInput(EngineOptions options, JsonValue input)
    {
        if (JsonDataProblems.Find(input) is { } problem)
        {
            throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidExecutionInput, $"Invalid execution input: {problem}.");
        }

        var limit = options.MaxPayloadBytes;
        if (limit > 0 && input.Utf8Length > limit)
        {
            throw new ExecutionApiException(
                ExecutionApiErrorCodes.InvalidExecutionInput,
                $"The input is {input.Utf8Length} bytes; the limit is {limit}.");
        }
    }

    private void ThrowIfUnavailable()
    {
        if (_shuttingDown)
        {
            throw new ExecutionApiException(ExecutionApiErrorCodes.ServiceUnavailable, "The engine is shutting down.");
        }

        if (_live.Count >= Options.MaxOpenExecutions)
        {
            throw new ExecutionApiException(
                ExecutionApiErrorCodes.ExecutionLimitExceeded,
                $"Execution Limit Exceeded: {Options.MaxOpenExecutions} executions are open (EngineOptions.MaxOpenExecutions).");
        }
    }

    private string ExecutionArn(RegisteredStateMachine machine, string name) =>
        $"arn:{Options.Partition}:states:{Options.Region}:{Options.AccountId}:execution:{machine.Name}:{name}";

    private string ExpressArn(RegisteredStateMachine machine, string name) =>
        $"arn:{Options.Partition}:states:{Options.Region}:{Options.AccountId}:express:{machine.Name}:{name}:{_engine.NewUuid()}";

    private RunContext CreateRun(RegisteredStateMachine machine, JsonValue input, string name, string arn, IReadOnlyCollection<string>? allowedResources) =>
        new(_engine, machine.Machine, input, RunOptions(machine.Name, name, arn, machine.Type, allowedResources));

    private ExecutionOptions RunOptions(string machineName, string name, string arn, StateMachineType type, IReadOnlyCollection<string>? allowedResources = null) => new()
    {
        AllowedResources = allowedResources,
        ExecutionName = name,
        ExecutionArn = arn,
        StateMachineName = machineName,
        Partition = Options.Partition,
        Region = Options.Region,
        AccountId = Options.AccountId,
        MaxDuration = type == StateMachineType.Express ? Options.MaxExpressExecutionDuration : null,
        Express = type == StateMachineType.Express,
        RecordHistory = type == StateMachineType.Standard,
    };

    private LiveExecution Prepare(RegisteredStateMachine machine, JsonValue input, string name, string arn, IReadOnlyCollection<string>? allowedResources)
    {
        var run = new RunContext(_engine, machine.Machine, input, RunOptions(machine.Name, name, arn, machine.Type, allowedResources))
        {
            TokenSecret = TaskCheckpoints.NewSecret(),
            CheckpointsEffects = Store.IsDurable,
        };
        Journal(run, []);
        var record = new ExecutionRecord
        {
            ExecutionArn = arn,
            Name = name,
            StateMachineArn = machine.Arn,
            Definition = machine.Machine.Source,
            Input = input,
            Status = ExecutionStatus.Running,
            StartDate = run.StartTime,
            AllowedResources = allowedResources is null ? null : [.. allowedResources],
        };
        return new LiveExecution(run, record);
    }

    private void Launch(LiveExecution live)
    {
        _live[live.Record.ExecutionArn] = live;
        _ = Task.Run(() => RunLiveAsync(live));
    }

    private async Task RunLiveAsync(LiveExecution live)
    {
        try
        {
            var result = await ExecutionRunner.RunAsync(live.Run, live.Stop.Token).ConfigureAwait(false);
            if (result.Status == ExecutionStatus.Running)
            {
                // Suspended (shutdown) or the store failed: the store keeps the last good checkpoint, from which it resumes.
                if (live.Run.Log?.Fault is ArgumentException refused && !live.Abandoned)
                {
                    throw new Durability.ExecutionStoreException(live.Record.ExecutionArn, refused);
                }

                if (live.Run.Log?.Fault is { } fault)
                {
                    var stalled = new Durability.ExecutionStoreException(live.Record.ExecutionArn, fault);
                    Stall(live, stalled);
                    live.Closed.TrySetException(stalled);
                }
                else
                {
                    live.Closed.TrySetResult(live.Record);
                }

                return;
            }

            var closed = live.Record with
            {
                Status = result.Status,
                StopDate = result.StopDate,
                Output = result.Output,
                Error = result.Error,
                Cause = result.Cause,
                NotRedrivableReason = NotRedrivableReason(result, live.Run.History.LimitReached),
            };
            await live.Run.Log!.CheckpointAsync(closed).ConfigureAwait(false);

            // Out of the live table before anyone waiting hears of the end, so that what they do next (Describe,
            // Redrive) reads the closed record from the store, not the running one.
            _live.TryRemove(new KeyValuePair<string, LiveExecution>(live.Record.ExecutionArn, live));
            live.Closed.TrySetResult(closed);
        }
        catch (Durability.ExecutionStoreException e) when (e.InnerException is ArgumentException refused && !live.Abandoned)
        {
            try
            {
                var closed = await CloseUnstorableAsync(live, refused).ConfigureAwait(false);
                _live.TryRemove(new KeyValuePair<string, LiveExecution>(live.Record.ExecutionArn, live));
                live.Closed.TrySetResult(closed);
            }
            catch (Exception closing)
            {
                var stalled = new Durability.ExecutionStoreException(live.Record.ExecutionArn, closing);
                Stall(live, stalled);
                live.Closed.TrySetException(stalled);
            }
        }
        catch (Durability.ExecutionStoreException e)
        {
            Stall(live, e);
            live.Closed.TrySetException(e);
        }
        catch (Exception e)
        {
            live.Closed.TrySetException(e);
        }
        finally
        {
            _live.TryRemove(new KeyValuePair<string, LiveExecution>(live.Record.ExecutionArn, live));
            live.Stop.Dispose();
        }
    }

    /// <summary>
    /// Closes an execution whose events the store refused as data it cannot keep (text that is not Unicode, JSON nested too
    /// deep): resuming it would produce the same data and be refused again at every start. The execution FAILS with
    /// <c>States.Runtime</c>, naming what was refused; its history keeps every event the store holds and ends with that
    /// ExecutionFailed (the side-effect-free events recorded after the last stored checkpoint — no task runs before its
    /// checkpoint — are the ones not kept).
    /// </summary>
    private async Task<ExecutionRecord> CloseUnstorableAsync(LiveExecution live, ArgumentException refused)
    {
        var log = live.Run.Log!;
        var now = _engine.TimeProvider.GetUtcNow();
        var events = new List<StoredEvent>(2);
        var kept = log.DurableCount;
        if (kept == 0 && live.Run.History.Count > 0)
        {
            // Nothing was stored beside the record yet: the history still starts with its ExecutionStarted.
            events.Add(EventConversion.ToStored(live.Run.History.View()[1], 1));
            kept = 1;
        }

        var cause = $"The execution's store refused its history after event {kept}: {refused.Message} " +
                    "The events after it were not stored.";
        var closed = live.Record with
        {
            Status = ExecutionStatus.Failed,
            StopDate = now,
            Output = null,
            Error = Errors.StatesErrorNames.Runtime,
            Cause = cause,
        };
        events.Add(new StoredEvent
        {
            Id = kept + 1,
            Timestamp = now,
            Type = HistoryEventTypes.ExecutionFailed,
            Extra = JsonObject.Create(("error", JsonValue.From(Errors.StatesErrorNames.Runtime)), ("cause", JsonValue.From(cause))),
        });
        await _writer.Value.EnqueueAsync(() => new ExecutionWrite(live.Record.ExecutionArn, closed, events), background: false).ConfigureAwait(false);
        return closed;
    }

    /// <summary>Remembers why an execution stalled (it stays RUNNING in the store) — unless it was never created there.</summary>
    private void Stall(LiveExecution live, Durability.ExecutionStoreException e)
    {
        lock (live.Gate)
        {
            if (!live.Abandoned)
            {
                live.StalledWith = e;
                _stalled[live.Record.ExecutionArn] = e;
            }
        }
    }

    private static string? NotRedrivableReason(ExecutionResult result, bool historyLimitReached) =>
        result.Status == ExecutionStatus.Succeeded ? "Execution is SUCCEEDED and cannot be redriven"
        : historyLimitReached ? "Execution has exceeded the max execution history size"
        : null;

    private async Task<ExecutionRecord> GetRecordAsync(string executionArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        if (executionArn.Contains(":express:", StringComparison.Ordinal))
        {
            throw new ExecutionApiException(
                ExecutionApiErrorCodes.StateMachineTypeNotSupported,
                "This operation is not supported by this type of state machine: Express executions are not recorded.");
        }

        if (_live.TryGetValue(executionArn, out var live))
        {
            return live.Record;
        }

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await Store.GetAsync(executionArn, cancellationToken).ConfigureAwait(false)
            ?? throw new ExecutionApiException(ExecutionApiErrorCodes.ExecutionDoesNotExist, $"Execution Does Not Exist: '{executionArn}'");
    }

    private async Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        var record = await GetRecordAsync(executionArn, cancellationToken).ConfigureAwait(false);
        if (_live.TryGetValue(executionArn, out var live))
        {
            return live.Run.History.Events;
        }

        var stored = await Store.ReadEventsAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
        return [.. stored.Select(e => HistoryConversion.FromStored(e))];
    }

    private ExecutionDescription Describe(ExecutionRecord record) => new()
    {
        ExecutionArn = record.ExecutionArn,
        StateMachineArn = record.StateMachineArn,
        Name = record.Name,
        Status = record.Status,
        StartDate = record.StartDate,
        StopDate = record.StopDate,
        RedriveCount = record.RedriveCount,
        RedriveDate = record.RedriveDate,
        Input = record.Input,
        Output = record.Output,
        Error = record.Error,
        Cause = record.Cause,
        RedriveStatus = RedriveReason(record) is null ? RedriveStatus.Redrivable : RedriveStatus.NotRedrivable,
        RedriveStatusReason = RedriveReason(record),
    };

    private static ExecutionSummary Summarize(ExecutionRecord record) => new()
    {
        ExecutionArn = record.ExecutionArn,
        StateMachineArn = record.StateMachineArn,
        Name = record.Name,
        Status = record.Status,
        StartDate = record.StartDate,
        StopDate = record.StopDate,
        RedriveCount = record.RedriveCount,
        RedriveDate = record.RedriveDate,
    };

    private string? RedriveReason(ExecutionRecord record) => record.Status switch
    {
        ExecutionStatus.Running => "Execution is RUNNING and cannot be redriven",
        ExecutionStatus.Succeeded => "Execution is SUCCEEDED and cannot be redriven",
        _ when record.NotRedrivableReason is not null => record.NotRedrivableReason,
        _ when PastRedriveWindow(record, _engine.TimeProvider.GetUtcNow()) => "Execution stopped more than 14 days ago and cannot be redriven",
        _ => null,
    };

    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initialize.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initialize.Release();
        }
    }
}
