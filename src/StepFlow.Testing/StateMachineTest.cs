using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Tasks;
using StepFlow.Testing.Mocks;
using StepFlow.Testing.Time;

namespace StepFlow.Testing;

/// <summary>
/// A state machine under test: load a definition, mock Tasks by state name or resource (or with a Step Functions Local
/// mock config test case), keep real handlers for the rest, and <see cref="RunAsync(string, CancellationToken)"/> it on a
/// fake clock, so Waits and retry back-offs take no wall time. Each run builds a fresh engine, so runs never share
/// attempt counts or clocks. Configure it, then run it any number of times; not thread-safe while being configured.
/// </summary>
public sealed class StateMachineTest
{
    private readonly Dictionary<string, TaskMockSequence> _byState = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskMockSequence> _byResource = new(StringComparer.Ordinal);
    private readonly List<Action<StepFlowEngineBuilder>> _configure = [];
    private MockTestCase? _testCase;
    private Func<TimeProvider> _clock = () => new AutoAdvancingTimeProvider();
    private string? _stateMachineName;
    private TimeSpan _wallClockLimit = DefaultWallClockLimit;
    private int? _seed;

    private StateMachineTest(StateMachine stateMachine) => StateMachine = stateMachine;

    /// <summary>How long a run may take on the wall clock before it is stopped (<see cref="WithWallClockLimit(TimeSpan)"/>): one minute.</summary>
    public static TimeSpan DefaultWallClockLimit { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The definition under test.</summary>
    public StateMachine StateMachine { get; }

    /// <summary>Tests <paramref name="stateMachine"/>.</summary>
    public static StateMachineTest For(StateMachine stateMachine)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        return new StateMachineTest(stateMachine);
    }

    /// <summary>Tests the definition in <paramref name="definitionJson"/>.</summary>
    /// <exception cref="InvalidDefinitionException">The definition is invalid: every diagnostic, with its JSON Pointer.</exception>
    public static StateMachineTest FromText(string definitionJson) => For(StateMachine.Parse(definitionJson));

    /// <summary>
    /// Tests the definition in the file <paramref name="path"/>; the state machine is named after the file (without
    /// extensions such as <c>.asl.json</c>) unless <see cref="Named(string)"/> says otherwise.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDefinitionException">The definition is invalid.</exception>
    public static StateMachineTest FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var test = FromText(File.ReadAllText(path));
        var name = Path.GetFileName(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        test._stateMachineName = dot > 0 ? name[..dot] : name;
        return test;
    }

    /// <summary>The state machine's name in ARNs and <c>$$.StateMachine.Name</c> (and the one mock config test cases match).</summary>
    public string StateMachineName => _stateMachineName ?? _testCase?.StateMachineName ?? "StateMachine";

    /// <summary>Names the state machine (ARNs, <c>$$.StateMachine.Name</c>).</summary>
    public StateMachineTest Named(string stateMachineName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateMachineName);
        _stateMachineName = stateMachineName;
        return this;
    }

    /// <summary>
    /// Mocks the Task state <paramref name="stateName"/>: <paramref name="answers"/> lists its answers attempt by attempt
    /// (<c>m =&gt; m.Throw("Lambda.TooManyRequestsException").Return("{...}")</c>); the last one repeats.
    /// </summary>
    public StateMachineTest MockState(string stateName, Action<TaskMockSequence> answers)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(answers);
        _byState[stateName] = Sequence(answers);
        return this;
    }

    /// <summary>Mocks the Task state <paramref name="stateName"/> to succeed with <paramref name="resultJson"/> every time.</summary>
    public StateMachineTest MockState(string stateName, string resultJson) => MockState(stateName, m => m.Return(resultJson));

    /// <summary>
    /// Mocks every Task whose Resource is exactly <paramref name="resource"/> (as written, suffix included) that no
    /// <see cref="MockState(string, Action{TaskMockSequence})"/> mocks; attempts count per state.
    /// </summary>
    public StateMachineTest MockResource(string resource, Action<TaskMockSequence> answers)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(answers);
        _byResource[resource] = Sequence(answers);
        return this;
    }

    /// <summary>Mocks every Task with the Resource <paramref name="resource"/> to succeed with <paramref name="resultJson"/>.</summary>
    public StateMachineTest MockResource(string resource, string resultJson) => MockResource(resource, m => m.Return(resultJson));

    /// <summary>
    /// Runs under a Step Functions Local mock config test case: the states it names answer its mocked responses (an attempt
    /// without an entry fails the execution with <c>States.Runtime</c>); <see cref="MockState(string, Action{TaskMockSequence})"/>
    /// and <see cref="MockResource(string, Action{TaskMockSequence})"/> mocks win over it. The execution is named after the
    /// test case's state machine (a later <see cref="Named(string)"/> renames it, and then nothing matches the test case).
    /// </summary>
    public StateMachineTest UseTestCase(MockTestCase testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        _testCase = testCase;
        _stateMachineName = testCase.StateMachineName;
        return this;
    }

    /// <summary>Runs under the test case <paramref name="testCaseName"/> of <paramref name="stateMachineName"/> in <paramref name="config"/>.</summary>
    /// <exception cref="KeyNotFoundException">The file has no such state machine or test case.</exception>
    public StateMachineTest UseTestCase(MockConfig config, string stateMachineName, string testCaseName)
    {
        ArgumentNullException.ThrowIfNull(config);
        return UseTestCase(config.GetTestCase(stateMachineName, testCaseName));
    }

    /// <summary>A real handler for Tasks that are not mocked (a hybrid run); <paramref name="resourcePattern"/> as in <see cref="StepFlowEngineBuilder.AddTaskHandler(string, ITaskHandler)"/>.</summary>
    public StateMachineTest WithHandler(string resourcePattern, Func<TaskInvocation, JsonValue> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourcePattern);
        ArgumentNullException.ThrowIfNull(handler);
        _configure.Add(builder => builder.AddTaskHandler(resourcePattern, handler));
        return this;
    }

    /// <summary>
    /// Anything else on the engine of each run: handlers, activities, options, registered state machines. The run's own
    /// task mocker (the mocks above) replaces any set here with <see cref="StepFlowEngineBuilder.UseTaskMocker"/>.
    /// </summary>
    public StateMachineTest ConfigureEngine(Action<StepFlowEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure.Add(configure);
        return this;
    }

    /// <summary>
    /// The clock of each run; by default a new <see cref="AutoAdvancingTimeProvider"/> starting at
    /// <see cref="AutoAdvancingTimeProvider.DefaultStart"/>, so a day-long Wait passes at once.
    /// </summary>
    public StateMachineTest UseClock(Func<TimeProvider> clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        return this;
    }

    /// <summary>
    /// Stops a run that has not ended after <paramref name="limit"/> of wall-clock time (default
    /// <see cref="DefaultWallClockLimit"/>; <see cref="Timeout.InfiniteTimeSpan"/> for none) and throws
    /// <see cref="TimeoutException"/> naming the states still running. On the fake clock only a Task nobody answers
    /// (an unmocked <c>.waitForTaskToken</c> or activity Task, a handler that never returns) can take that long.
    /// </summary>
    public StateMachineTest WithWallClockLimit(TimeSpan limit)
    {
        if (limit != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        }

        _wallClockLimit = limit;
        return this;
    }

    /// <summary>
    /// Makes every run draw <c>States.UUID</c>, <c>States.MathRandom</c>, <c>$uuid()</c>, <c>$random()</c>,
    /// <c>$shuffle</c>, FULL retry jitter and generated names from <paramref name="seed"/>
    /// (<see cref="StepFlowEngineBuilder.UseRandomSeed(int)"/>): each run gets a fresh engine with that seed, so runs of
    /// the same input give the same values. Without it they are random.
    /// </summary>
    public StateMachineTest UseSeed(int seed)
    {
        _seed = seed;
        return this;
    }

    // Where a live event stream plugs in: a callback or IAsyncEnumerable of history events while a run goes on, once the
    // core engine offers one (issue #14, item 3).

    /// <summary>Runs the state machine with the input <paramref name="inputJson"/> (JSON text; <c>{}</c> by default).</summary>
    /// <exception cref="JsonParseException"><paramref name="inputJson"/> is not JSON.</exception>
    public Task<TestRunResult> RunAsync(string inputJson = "{}", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputJson);
        return RunAsync(JsonValue.Parse(inputJson), cancellationToken);
    }

    /// <summary>Runs the state machine with <paramref name="input"/> on a fresh engine and returns what happened.</summary>
    public async Task<TestRunResult> RunAsync(JsonValue input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var builder = StepFlowEngine.CreateBuilder().UseTimeProvider(_clock());
        if (_seed is { } seed)
        {
            builder.UseRandomSeed(seed);
        }

        foreach (var configure in _configure)
        {
            configure(builder);
        }

        // Always installed: besides answering mocks it counts every state's retries, also of unmocked Tasks.
        var mocker = new TestMocker(Freeze(_byState), Freeze(_byResource), _testCase is null ? null : new MockTestCaseMocker(_testCase));
        builder.UseTaskMocker(mocker);

        var engine = builder.Build();
        var options = new ExecutionOptions { StateMachineName = StateMachineName, RecordHistory = true };

        // The wall clock, on purpose: the run's own clock is fake, and this limit is about the test never hanging.
        using var limit = new CancellationTokenSource(_wallClockLimit, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var result = new TestRunResult(await engine.ExecuteAsync(StateMachine, input, options, linked.Token).ConfigureAwait(false), mocker.Retries);
        if (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested && result.Status == Persistence.ExecutionStatus.Aborted)
        {
            var running = result.Path.Where(v => v.Output is null).Select(v => $"'{v.Name}'").ToList();
            throw new TimeoutException(
                $"The run of '{StateMachineName}' did not end within {_wallClockLimit.TotalSeconds:0.###} s of wall-clock time and was stopped; " +
                $"still running: {(running.Count == 0 ? "no state" : string.Join(", ", running))}. A .waitForTaskToken or activity Task that nobody answers " +
                "waits forever: mock it (MockState) or answer its token.");
        }

        return result;
    }

    private static TaskMockSequence Sequence(Action<TaskMockSequence> answers)
    {
        var sequence = new TaskMockSequence();
        answers(sequence);
        if (sequence.Answers.Count == 0)
        {
            throw new ArgumentException("A mock needs at least one answer: call Return or Throw on it.", nameof(answers));
        }

        return sequence;
    }

    private static Dictionary<string, TaskMockAnswer[]> Freeze(Dictionary<string, TaskMockSequence> mocks) =>
        mocks.ToDictionary(m => m.Key, m => m.Value.Answers.ToArray(), StringComparer.Ordinal);
}
