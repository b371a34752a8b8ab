using System.Collections.Immutable;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>Collects diagnostics and the machine-wide facts (state names, labels) of one validation run.</summary>
internal sealed class ValidationContext
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly bool _reportWarnings;

    /// <summary>The blocks already found clean in this run (see <see cref="CleanBlocks"/>).</summary>
    private readonly CleanBlocks _clean = new();

    /// <summary>The session the definition was read in, which knows its repeated blocks; null when it was not read from text.</summary>
    private readonly ParseSession? _session;

    public ValidationContext(ValidationOptions options, ParseSession? session = null)
    {
        _session = session;
        Options = options;
        _reportWarnings = options.MinimumSeverity == DiagnosticSeverity.Warning;
        MaxNestingDepth = Math.Max(0, options.MaxNestingDepth);
        AllowedResources = options.AllowedResources is { } allowed ? Tasks.ResourceAllowList.For(allowed) : null;
    }

    public ValidationOptions Options { get; }

    public int MaxNestingDepth { get; }

    /// <summary>The compiled <see cref="ValidationOptions.AllowedResources"/>, or null when every resource is allowed.</summary>
    public Tasks.ResourceAllowList? AllowedResources { get; }

    /// <summary>Every state name seen so far in the whole machine, with the pointer of the States object of its first occurrence.</summary>
    public Dictionary<string, string> StateNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Every Map Label seen so far, with the pointer of its first occurrence.</summary>
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public bool ReportWarnings => _reportWarnings;

    /// <summary>The diagnostics reported so far (a rule compares it before and after to know it found nothing).</summary>
    public int Count => _diagnostics.Count;

    /// <summary>The last Task resource (by reference) that passed every resource check; null until one has.</summary>
    public string? LastCleanResource { get; set; }


    /// <summary>The classification of field lists already seen (see <see cref="Validation.FieldShapes"/>).</summary>
    public FieldShapes FieldShapes { get; } = new();

    /// <summary>The nested rules a Choice rule walk visited (reused; not re-entrant).</summary>
    public List<Json.JsonValue> VisitedRules { get; } = [];

    /// <summary>
    /// True when <paramref name="block"/> passed <paramref name="check"/> before in this run, so it need not be checked again.
    /// Only repeated blocks are ever kept clean, so the cheap test of the session is enough before the exact lookup.
    /// </summary>
    public bool SkipIfClean(Json.JsonValue block, BlockCheck check) => _session is { } session && session.MayBeRepeated(block) && _clean.Contains(block, check);

    /// <summary>Remembers <paramref name="block"/> as clean for <paramref name="check"/> when nothing was reported since <paramref name="countBefore"/>.</summary>
    public void MarkCleanSince(Json.JsonValue block, BlockCheck check, int countBefore)
    {
        if (_diagnostics.Count == countBefore && _session is { } session && session.IsRepeated(block))
        {
            _clean.Add(block, check);
        }
    }

    /// <summary>A reusable trail for payload template walks (not re-entrant).</summary>
    public PointerTrail TemplateTrail { get; } = new(string.Empty);

    /// <summary>A reusable stack for payload template walks (not re-entrant).</summary>
    public Stack<(Json.JsonValue Value, int Node)> TemplateStack { get; } = new();

    /// <summary>A reusable trail for Choice rule walks (not re-entrant).</summary>
    public PointerTrail RuleTrail { get; } = new(string.Empty);

    /// <summary>A reusable stack for Choice rule walks (not re-entrant).</summary>
    public Stack<(Json.JsonValue Rule, int Node, bool Top)> RuleStack { get; } = new();

    public void Error(string code, string message, string location) =>
        _diagnostics.Add(Diagnostic.Error(code, message, location));

    public void Schema(string message, string location) =>
        _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SchemaValidationFailed, message, location));

    public void Error(string code, string message, in PendingPointer location) =>
        _diagnostics.Add(Diagnostic.Error(code, message, location.ToString()));

    public void Schema(string message, in PendingPointer location) =>
        _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SchemaValidationFailed, message, location.ToString()));

    public void Warning(string code, string message, in PendingPointer location)
    {
        if (_reportWarnings)
        {
            _diagnostics.Add(Diagnostic.Warning(code, message, location.ToString()));
        }
    }

    public void Warning(string code, string message, string location)
    {
        if (_reportWarnings)
        {
            _diagnostics.Add(Diagnostic.Warning(code, message, location));
        }
    }

    public void Add(Diagnostic diagnostic)
    {
        if (diagnostic.Severity == DiagnosticSeverity.Error || _reportWarnings)
        {
            _diagnostics.Add(diagnostic);
        }
    }

    public ImmutableArray<Diagnostic> ToResult() => [.. _diagnostics];
}
