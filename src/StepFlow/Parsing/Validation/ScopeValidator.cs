using System.Collections.Frozen;
using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// Validates the definition and every Parallel branch and Map processor as its own scope (StartAt,
/// States, transitions, reachability, terminal states). Scopes are taken from a queue, never by recursion.
/// </summary>
internal static class ScopeValidator
{
    private static readonly FrozenSet<string> RootFields = ValueChecks.Set(AslFields.StartAt, AslFields.States, AslFields.Comment, AslFields.Version, AslFields.TimeoutSeconds, AslFields.QueryLanguage);
    private static readonly FrozenSet<string> BranchFields = ValueChecks.Set(AslFields.StartAt, AslFields.States, AslFields.Comment);
    private static readonly FrozenSet<string> ProcessorFields = ValueChecks.Set(AslFields.StartAt, AslFields.States, AslFields.Comment, AslFields.ProcessorConfig);

    /// <summary>This thread's scratch collections (taken while a validation runs, so a nested one makes its own).</summary>
    [ThreadStatic]
    private static Scratch? _cached;

    public static void Validate(ValidationContext ctx, JsonValue definition)
    {
        var scratch = _cached ?? new Scratch();
        _cached = null;
        try
        {
            var pending = scratch.Pending;
            var transitions = scratch.Transitions;
            pending.Enqueue(new MachineScope(definition, string.Empty, 0, QueryLanguage.JsonPath, ScopeKind.Root));
            while (pending.Count > 0)
            {
                transitions.Clear();
                ValidateScope(ctx, pending.Dequeue(), pending, transitions, scratch.IndexByName);
            }
        }
        finally
        {
            scratch.Clear();
            _cached = scratch;
        }
    }

    private static void ValidateScope(
        ValidationContext ctx, MachineScope scope, Queue<MachineScope> pending, ScopeTransitions transitions, Dictionary<string, int> indexByName)
    {
        var what = Describe(scope.Kind);
        if (scope.Value is not JsonObject machine)
        {
            ctx.Schema($"{what} must be a JSON object, not {scope.Value.KindName}.", scope.Pointer);
            return;
        }

        var allowed = scope.Kind switch
        {
            ScopeKind.Root => RootFields,
            ScopeKind.Branch => BranchFields,
            _ => ProcessorFields,
        };
        ValueChecks.OnlyFields(ctx, machine, scope.Pointer, allowed, scope.Kind == ScopeKind.Root ? "the top level of a state machine" : what);
        ValueChecks.String(ctx, machine, AslFields.Comment, scope.Pointer);
        if (scope.Kind == ScopeKind.Root)
        {
            scope = scope with { Language = ReadRootFields(ctx, machine) };
        }

        var startAt = ValueChecks.RequiredString(ctx, machine, AslFields.StartAt, scope.Pointer, what);
        if (!machine.TryGetValue(AslFields.States, out var statesValue))
        {
            ctx.Schema($"{what} is missing the required field 'States'.", scope.Pointer);
            return;
        }

        var statesPointer = JsonPointer.Append(scope.Pointer, AslFields.States);
        if (statesValue is not JsonObject states)
        {
            ctx.Schema($"The field 'States' must be an object, not {statesValue.KindName}.", statesPointer);
            return;
        }

        if (states.Count == 0)
        {
            ctx.Schema("The field 'States' must contain at least one state.", statesPointer);
        }

        var members = states.Members;
        indexByName.Clear();
        indexByName.EnsureCapacity(members.Length);
        ctx.StateNames.EnsureCapacity(ctx.StateNames.Count + members.Length);
        var anyTerminal = false;
        for (var i = 0; i < members.Length; i++)
        {
            var name = members[i].Key;
            var statePointer = new PendingPointer(statesPointer, name);
            indexByName[name] = i;
            var problem = NameRules.StateNameProblem(name);
            if (problem is not null)
            {
                ctx.Error(DiagnosticCodes.InvalidStateName, problem, statePointer);
            }

            if (!ctx.StateNames.TryAdd(name, statesPointer))
            {
                ctx.Error(
                    DiagnosticCodes.DuplicateStateName,
                    $"The state name '{ValueChecks.Truncate(name)}' is already used at {JsonPointer.Append(ctx.StateNames[name], name)}; names must be unique in the whole state machine.",
                    statePointer);
            }

            anyTerminal |= StateValidator.Validate(ctx, members[i].Value, statePointer, scope, i, transitions, pending);
        }

        CheckTransitions(ctx, scope, startAt, members, indexByName, transitions);
        if (members.Length > 0 && !anyTerminal)
        {
            ctx.Error(
                DiagnosticCodes.MissingEndState,
                $"{what} has no terminal state: no state has End: true and there is no Succeed or Fail state.",
                scope.Pointer);
        }
    }

    private static QueryLanguage ReadRootFields(ValidationContext ctx, JsonObject machine)
    {
        ValueChecks.String(ctx, machine, AslFields.Version, string.Empty, nonEmpty: true);
        ValueChecks.Integer(ctx, machine, AslFields.TimeoutSeconds, string.Empty, 1, ValueChecks.MaxSeconds, allowJsonata: false);
        if (!machine.TryGetValue(AslFields.QueryLanguage, out var value))
        {
            return QueryLanguage.JsonPath;
        }

        if (value is JsonString text && StateTypes.TryParseQueryLanguage(text.Value, out var language))
        {
            return language;
        }

        ctx.Schema("The field 'QueryLanguage' must be \"JSONPath\" or \"JSONata\".", "/QueryLanguage");
        return QueryLanguage.JsonPath;
    }

    private static void CheckTransitions(
        ValidationContext ctx,
        MachineScope scope,
        string? startAt,
        ReadOnlySpan<KeyValuePair<string, JsonValue>> members,
        Dictionary<string, int> indexByName,
        ScopeTransitions transitions)
    {
        var startIndex = -1;
        if (startAt is not null && startAt.Length > 0 && !indexByName.TryGetValue(startAt, out startIndex))
        {
            startIndex = -1;
            ctx.Error(
                DiagnosticCodes.MissingTransitionTarget,
                $"Missing 'StartAt' target: '{ValueChecks.Truncate(startAt)}' is not a state of this scope.",
                JsonPointer.Append(scope.Pointer, AslFields.StartAt));
        }

        // Adjacency as a linked list over the transitions: head[state] -> transition -> next transition.
        var head = new int[members.Length];
        Array.Fill(head, -1);
        var targetOf = new int[transitions.Count];
        var nextOf = new int[transitions.Count];
        for (var t = 0; t < transitions.Count; t++)
        {
            var transition = transitions[t];
            if (!indexByName.TryGetValue(transition.Target, out var target))
            {
                targetOf[t] = -1;
                ctx.Error(
                    DiagnosticCodes.MissingTransitionTarget,
                    $"Missing '{transition.SubField ?? transition.Field}' target: '{ValueChecks.Truncate(transition.Target)}' is not a state of this scope.",
                    transition.PointerIn(JsonPointer.Append(scope.Pointer, AslFields.States), members[transition.From].Key));
                continue;
            }

            targetOf[t] = target;
            nextOf[t] = head[transition.From];
            head[transition.From] = t;
        }

        if (startIndex < 0)
        {
            // Without a valid StartAt reachability says nothing useful; the StartAt problem is reported.
            return;
        }

        var reached = new bool[members.Length];
        var stack = new Stack<int>();
        reached[startIndex] = true;
        stack.Push(startIndex);
        while (stack.Count > 0)
        {
            for (var t = head[stack.Pop()]; t >= 0; t = nextOf[t])
            {
                var target = targetOf[t];
                if (!reached[target])
                {
                    reached[target] = true;
                    stack.Push(target);
                }
            }
        }

        for (var i = 0; i < members.Length; i++)
        {
            if (!reached[i])
            {
                ctx.Error(
                    DiagnosticCodes.MissingTransitionTarget,
                    $"State '{ValueChecks.Truncate(members[i].Key)}' is not reachable from StartAt.",
                    JsonPointer.Append(JsonPointer.Append(scope.Pointer, AslFields.States), members[i].Key));
            }
        }
    }

    private static string Describe(ScopeKind kind) => kind switch
    {
        ScopeKind.Root => "The state machine",
        ScopeKind.Branch => "A Parallel branch",
        ScopeKind.Iterator => "A Map Iterator",
        _ => "A Map ItemProcessor",
    };

    /// <summary>Collections reused from one validation to the next on a thread; emptied (and kept small) between uses.</summary>
    private sealed class Scratch
    {
        private const int MaxKept = 4096;

        public Queue<MachineScope> Pending { get; } = new();

        public ScopeTransitions Transitions { get; private set; } = new();

        public Dictionary<string, int> IndexByName { get; private set; } = new(StringComparer.Ordinal);

        public void Clear()
        {
            Pending.Clear();
            if (Transitions.Count > MaxKept)
            {
                Transitions = new ScopeTransitions();
            }

            Transitions.Clear();
            if (IndexByName.Count > MaxKept)
            {
                IndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            IndexByName.Clear();
        }
    }
}
