using System.Text;

namespace StepFlow.Tests.Architecture;

/// <summary>
/// The core's namespaces depend one way: a namespace names only namespaces of its own layer or of lower layers, and
/// no set of components names each other in a circle. A component is one of the namespaces listed in
/// <see cref="Layers"/> with its sub-namespaces: how the parts of one component (the JSONata parser and evaluator,
/// say) call each other is that component's own business. Read from the compiled StepFlow.dll, so every reference counts
/// (signatures, base types, attributes, generic arguments and the IL of method bodies), not only <c>using</c> lines.
/// </summary>
public sealed class NamespaceLayeringTests
{
    /// <summary>
    /// The layers, lowest first. A component is a namespace and its sub-namespaces (<c>StepFlow.Paths</c> covers
    /// <c>StepFlow.Paths.Syntax</c>); the root <c>StepFlow</c> is only itself. Components of one layer may name each
    /// other in one direction only.
    /// </summary>
    public static readonly string[][] Layers =
    [
        ["StepFlow.Json"],
        ["StepFlow.Errors", "StepFlow.Variables"],
        ["StepFlow.Diagnostics"],
        ["StepFlow.Paths", "StepFlow.Intrinsics", "StepFlow.Jsonata"],
        ["StepFlow.Tasks"],
        ["StepFlow.Definition"],
        ["StepFlow.Parsing"],
        ["StepFlow.History"],
        ["StepFlow.Persistence"],
        ["StepFlow.Durability"],
        ["StepFlow.Execution"],
        ["StepFlow.StateMachines"],
        ["StepFlow.Service"],
        ["StepFlow.Integrations"],
        ["StepFlow"],
    ];

    private static readonly Lazy<IReadOnlyList<NamespaceReference>> Graph = new(() => NamespaceGraph
        .Read(typeof(StepFlowEngine).Assembly.Location)
        .Where(r => IsStepFlow(r.FromNamespace) && IsStepFlow(r.ToNamespace))
        .ToList());

    [Fact]
    public void Graph_ReadsSameAssemblyReferencesFromMethodBodies()
    {
        // StepFlowEngine's methods run executions: the reader must see the executor, which only IL names.
        Graph.Value.Should().Contain(r => r.FromNamespace == "StepFlow" && r.ToNamespace == "StepFlow.Execution");
        Graph.Value.Should().NotContain(r => r.FromNamespace == r.ToNamespace);
    }

    [Fact]
    public void EveryNamespace_BelongsToADeclaredLayer()
    {
        var namespaces = typeof(StepFlowEngine).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && IsStepFlow(n))
            .Distinct()
            .Where(n => ComponentOf(n!) is null)
            .ToList();
        namespaces.Should().BeEmpty("every namespace of the core is placed in NamespaceLayeringTests.Layers");
    }

    [Fact]
    public void References_PointDownTheLayers()
    {
        var backward = Graph.Value
            .Where(r => LayerOf(r.ToNamespace) > LayerOf(r.FromNamespace))
            .ToList();
        if (backward.Count > 0)
        {
            var message = new StringBuilder("References against the layer order (a lower layer names a higher one):\n");
            foreach (var r in backward)
            {
                message.Append("  ").Append(r).Append('\n');
            }

            Assert.Fail(message.ToString());
        }
    }

    [Fact]
    public void Components_FormNoCycle()
    {
        var edges = Graph.Value
            .Select(r => (From: ComponentOf(r.FromNamespace)!, To: ComponentOf(r.ToNamespace)!, Reference: r))
            .Where(e => e.From != e.To)
            .ToList();
        var cycles = StronglyConnected(edges.Select(e => (e.From, e.To)));
        if (cycles.Count > 0)
        {
            var message = new StringBuilder("Components that name each other in a circle:\n");
            foreach (var cycle in cycles)
            {
                message.Append("  cycle: ").Append(string.Join(", ", cycle)).Append('\n');
                foreach (var pair in edges.Where(e => cycle.Contains(e.From) && cycle.Contains(e.To)).GroupBy(e => (e.From, e.To)))
                {
                    message.Append("    ").Append(pair.First().Reference);
                    if (pair.Count() > 1)
                    {
                        message.Append(" (and ").Append(pair.Count() - 1).Append(" more)");
                    }

                    message.Append('\n');
                }
            }

            Assert.Fail(message.ToString());
        }
    }

    private static bool IsStepFlow(string ns) => ns == "StepFlow" || ns.StartsWith("StepFlow.", StringComparison.Ordinal);

    private static string? ComponentOf(string ns) =>
        Layers.SelectMany(l => l)
            .Where(c => ns == c || (c != "StepFlow" && ns.StartsWith(c + ".", StringComparison.Ordinal)))
            .OrderByDescending(c => c.Length)
            .FirstOrDefault();

    private static int LayerOf(string ns)
    {
        var component = ComponentOf(ns);
        return Array.FindIndex(Layers, l => l.Contains(component));
    }

    /// <summary>The strongly connected sets of more than one node (Tarjan), each sorted, in a stable order.</summary>
    private static List<List<string>> StronglyConnected(IEnumerable<(string From, string To)> edges)
    {
        var next = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            if (!next.TryGetValue(from, out var set))
            {
                next[from] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(to);
            next.TryAdd(to, new HashSet<string>(StringComparer.Ordinal));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next[v].Order(StringComparer.Ordinal))
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    result.Add(component);
                }
            }
        }

        foreach (var v in next.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result.OrderBy(c => c[0], StringComparer.Ordinal).ToList();
    }
}
