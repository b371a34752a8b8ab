using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Sqlite;
using StepFlow.Tasks;
using static StepFlow.Hosting.Tests.TestHosts;

namespace StepFlow.Hosting.Tests;

public sealed class AddStepFlowTests : IDisposable
{
    private const string Greet = "arn:aws:lambda:us-east-1:123456789012:function:greet";
    private static readonly string GreetingMachine =
        """{"StartAt":"Greet","States":{"Greet":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:greet","End":true}}}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("stepflow-hosting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AddTaskHandler_TypeFromTheContainer_IsResolvedInANewScopePerInvocationAndTheScopeIsDisposed()
    {
        var probes = new ConcurrentBag<ScopeProbe>();
        using var host = Build(
            new Dictionary<string, string?>(),
            b => b.AddStateMachine("Greeting", StateMachine.Parse(GreetingMachine)).AddTaskHandler<ProbeHandler>(Greet),
            services => services.AddScoped(_ =>
            {
                var probe = new ScopeProbe();
                probes.Add(probe);
                return probe;
            }));
        await host.StartAsync(Bounded());
        var engine = host.Services.GetRequiredService<StepFlowEngine>();

        var outputs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var started = await engine.StartExecutionAsync(MachineArn("Greeting"), JsonObject.Empty, $"run-{i}");
            var done = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());
            done.Status.Should().Be(ExecutionStatus.Succeeded, done.Cause);
            outputs.Add(((JsonString)((JsonObject)done.Output!)["probe"]).Value);
        }

        await host.StopAsync(Bounded());
        probes.Should().HaveCount(3, "one scope, so one scoped probe, per invocation");
        outputs.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(probes.Select(p => p.Id.ToString()));
        probes.Should().OnlyContain(p => p.Disposed, "each invocation's scope is disposed when it ends");
    }

    [Fact]
    public async Task AddTaskHandler_TypedHandlerFromTheContainer_ReadsAndWritesDotNetTypes()
    {
        using var host = Build(
            new Dictionary<string, string?>(),
            b => b.AddStateMachine("Greeting", StateMachine.Parse(GreetingMachine)).AddTaskHandler<TypedGreeter, Person, Greeting>(Greet),
            services => services.AddSingleton(new Salutation("Hello")));
        await host.StartAsync(Bounded());
        var engine = host.Services.GetRequiredService<StepFlowEngine>();

        var ok = await engine.WaitForExecutionAsync(
            (await engine.StartExecutionAsync(MachineArn("Greeting"), JsonValue.Parse("""{"name":"Ada"}"""), "typed")).ExecutionArn, Bounded());
        var bad = await engine.WaitForExecutionAsync(
            (await engine.StartExecutionAsync(MachineArn("Greeting"), JsonValue.Parse("""{"name":42}"""), "typed-bad")).ExecutionArn, Bounded());

        ok.Status.Should().Be(ExecutionStatus.Succeeded, ok.Cause);
        ok.Output!.ToJsonString().Should().Be("""{"text":"Hello, Ada"}""");
        bad.Status.Should().Be(ExecutionStatus.Failed);
        bad.Error.Should().Be("States.TaskFailed");
        bad.Cause.Should().Contain("Person").And.Contain("$.name");
        await host.StopAsync(Bounded());
    }

    [Fact]
    public async Task AddStepFlow_StepFlowSection_BindsStoreLimitsAllowListAndStateMachineFiles()
    {
        var file = Path.Combine(_dir, "greeting.asl.json");
        await File.WriteAllTextAsync(file, """
            {"StartAt":"Greet","States":{"Greet":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:other","End":true}}}
            """);
        var settings = new Dictionary<string, string?>
        {
            ["StepFlow:Store:Kind"] = "Sqlite",
            ["StepFlow:Store:Path"] = Path.Combine(_dir, "db", "stepflow.db"),
            ["StepFlow:Store:Synchronous"] = "Full",
            ["StepFlow:Engine:MaxOpenExecutions"] = "7",
            ["StepFlow:Engine:Region"] = "eu-west-1",
            ["StepFlow:AllowedTaskResources:0"] = Greet,
            ["StepFlow:StateMachines:FromFile:Path"] = file,
        };
        using var host = Build(settings, b => b.AddTaskHandler<ProbeHandler>("arn:aws:lambda:*"), s => s.AddScoped<ScopeProbe>());
        await host.StartAsync(Bounded());
        var engine = host.Services.GetRequiredService<StepFlowEngine>();

        host.Services.GetRequiredService<IExecutionStore>().Should().BeOfType<SqliteExecutionStore>();
        File.Exists(Path.Combine(_dir, "db", "stepflow.db")).Should().BeTrue();
        engine.Options.MaxOpenExecutions.Should().Be(7);
        var machine = engine.StateMachines.Should().ContainSingle().Subject;
        machine.Name.Should().Be("FromFile");
        machine.Arn.Should().Be("arn:aws:states:eu-west-1:123456789012:stateMachine:FromFile");
        var done = await engine.WaitForExecutionAsync((await engine.StartExecutionAsync(machine.Arn)).ExecutionArn, Bounded());
        done.Error.Should().Be("States.Permissions", "function:other is not on StepFlow:AllowedTaskResources");
        await host.StopAsync(Bounded());
    }

    [Fact]
    public async Task AddStepFlow_RelativePaths_AreRelativeToTheHostsContentRoot()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "greeting.asl.json"), GreetingMachine);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _dir });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StepFlow:Store:Kind"] = "Sqlite",
            ["StepFlow:Store:Path"] = "data/relative.db",
            ["StepFlow:StateMachines:Greeting:Path"] = "greeting.asl.json",
        });
        builder.Services.AddStepFlow(b => b.AddStateMachineFile("Again", "greeting.asl.json"));
        using var host = builder.Build();
        await host.StartAsync(Bounded());

        host.Services.GetRequiredService<StepFlowEngine>().StateMachines.Select(m => m.Name).Should().BeEquivalentTo("Greeting", "Again");
        File.Exists(Path.Combine(_dir, "data", "relative.db")).Should().BeTrue();
        await host.StopAsync(Bounded());
    }

    [Fact]
    public async Task AddStateMachineResource_EmbeddedDefinition_IsRegisteredByName()
    {
        using var host = Build(
            new Dictionary<string, string?>(),
            b => b.AddStateMachineResource("Greeting", typeof(AddStepFlowTests).Assembly, "greeting.asl.json").AddTaskHandler<ProbeHandler>(Greet),
            s => s.AddScoped<ScopeProbe>());
        await host.StartAsync(Bounded());
        var engine = host.Services.GetRequiredService<StepFlowEngine>();
        var done = await engine.WaitForExecutionAsync((await engine.StartExecutionAsync(MachineArn("Greeting"))).ExecutionArn, Bounded());
        done.Status.Should().Be(ExecutionStatus.Succeeded, done.Cause);
        await host.StopAsync(Bounded());
    }

    [Fact]
    public void AddStepFlow_BadSettings_FailTheStartNamingTheKeyOrSource()
    {
        var missingFile = Path.Combine(_dir, "nope.asl.json");
        var invalidFile = Path.Combine(_dir, "invalid.asl.json");
        File.WriteAllText(invalidFile, """{"StartAt":"Missing","States":{"A":{"Type":"Pass","End":true}}}""");

        Start(new() { ["StepFlow:Store:Kind"] = "Sqlite" }).Should().Contain("'StepFlow:Store:Path' is required");
        Start(new() { ["StepFlow:StateMachines:Orders:Path"] = missingFile }).Should().Contain("'Orders'").And.Contain(missingFile);
        Start(new() { ["StepFlow:StateMachines:Orders:Path"] = invalidFile }).Should().Contain("'Orders'").And.Contain(invalidFile).And.Contain("/StartAt");
        Start([], b => b.AddStateMachineResource("Res", typeof(AddStepFlowTests).Assembly, "missing.json")).Should().Contain("no embedded resource 'missing.json'");

        string Start(Dictionary<string, string?> settings, Action<StepFlowBuilder>? configure = null)
        {
            using var host = Build(settings, configure ?? (_ => { }));
            var start = () => host.StartAsync(Bounded()).GetAwaiter().GetResult();
            return start.Should().Throw<InvalidOperationException>().Which.Message;
        }
    }

    [Fact]
    public async Task AddStepFlow_TimeProviderInTheContainer_IsTheEnginesClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = Build(
            new Dictionary<string, string?>(),
            b => b.AddStateMachine("Nap", StateMachine.Parse("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"End":true}}}""")),
            s => s.AddSingleton<TimeProvider>(clock));
        await host.StartAsync(Bounded());
        var engine = host.Services.GetRequiredService<StepFlowEngine>();
        var started = await engine.StartExecutionAsync(MachineArn("Nap"));
        var waiting = engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        while (!waiting.IsCompleted)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(5);
        }

        (await waiting).StopDate.Should().Be(clock.GetUtcNow());
        engine.TimeProvider.Should().BeSameAs(clock);
        await host.StopAsync(Bounded());
    }

    [Fact]
    public async Task AddStepFlow_ContainersLogging_ReceivesTheEnginesAndTheWorkersLogs()
    {
        var logs = new CapturingLoggerProvider();
        using var host = Build(
            new Dictionary<string, string?>(),
            b => b.AddStateMachine("Greeting", StateMachine.Parse(GreetingMachine)).AddTaskHandler<ProbeHandler>(Greet),
            s => s.AddScoped<ScopeProbe>().AddLogging(l => l.AddProvider(logs)));
        await host.StartAsync(Bounded());
        var engine = host.Services.GetRequiredService<StepFlowEngine>();
        var done = await engine.WaitForExecutionAsync((await engine.StartExecutionAsync(MachineArn("Greeting"), name: "logged")).ExecutionArn, Bounded());
        await host.StopAsync(Bounded());

        done.Status.Should().Be(ExecutionStatus.Succeeded);
        logs.Records.Should().Contain(r => r.Category == "StepFlow" && r.Message.Contains(done.ExecutionArn, StringComparison.Ordinal),
            "the engine logs through the container's ILoggerFactory");
        logs.Records.Should().Contain(r => r.Category == typeof(StepFlowWorker).FullName && r.Message.Contains("draining", StringComparison.Ordinal));
    }

    [Fact]
    public void Container_DisposedSynchronously_DisposesTheEngineAndStore()
    {
        var host = Build(new Dictionary<string, string?> { ["StepFlow:Store:Kind"] = "Sqlite", ["StepFlow:Store:Path"] = Path.Combine(_dir, "s.db") }, _ => { });
        var engine = host.Services.GetRequiredService<StepFlowEngine>();
        var dispose = () => ((IDisposable)host.Services).Dispose();
        dispose.Should().NotThrow();
        var start = () => engine.StartExecutionAsync(MachineArn("X")).GetAwaiter().GetResult();
        start.Should().Throw<Exception>();
        using var reopened = new SqliteExecutionStore(Path.Combine(_dir, "s.db"));
        var read = () => reopened.InitializeAsync(default).AsTask().GetAwaiter().GetResult();
        read.Should().NotThrow("the container released the store's file lock");
    }

    public sealed class ScopeProbe : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    public sealed class ProbeHandler(ScopeProbe probe) : ITaskHandler
    {
        public ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
            ValueTask.FromResult<JsonValue>(JsonObject.Create(("probe", JsonValue.From(probe.Id.ToString()))));
    }

    public sealed record Person(string Name);

    public sealed record Greeting(string Text);

    public sealed record Salutation(string Word);

    public sealed class TypedGreeter(Salutation salutation) : ITaskHandler<Person, Greeting>
    {
        public Task<Greeting> InvokeAsync(Person input, CancellationToken cancellationToken) =>
            Task.FromResult(new Greeting($"{salutation.Word}, {input.Name}"));
    }
}
