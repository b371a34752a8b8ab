using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace StepFlow.Tasks;

/// <summary>Finds the handler for a Task Resource: exact registrations first, then globs in order.</summary>
internal sealed class TaskHandlerRegistry
{
    private readonly FrozenDictionary<string, TaskHandlerEntry> _exact;
    private readonly (System.Text.RegularExpressions.Regex Pattern, TaskHandlerEntry Handler)[] _globs;
    private readonly ConcurrentDictionary<string, TaskHandlerEntry?> _resolved = new(StringComparer.Ordinal);

    public TaskHandlerRegistry(IEnumerable<TaskHandlerRegistration> registrations)
    {
        var exact = new Dictionary<string, TaskHandlerEntry>(StringComparer.Ordinal);
        var globs = new List<(System.Text.RegularExpressions.Regex, TaskHandlerEntry)>();
        foreach (var registration in registrations)
        {
            var entry = new TaskHandlerEntry(registration.Handler, registration.Blocking);
            if (ResourcePattern.IsGlob(registration.Pattern))
            {
                globs.Add((ResourcePattern.GlobToRegex(registration.Pattern), entry));
            }
            else
            {
                exact[registration.Pattern] = entry;
            }
        }

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _globs = [.. globs];
    }

    public TaskHandlerEntry? Find(string resource) => _resolved.GetOrAdd(resource, Resolve);

    private TaskHandlerEntry? Resolve(string resource)
    {
        if (_exact.TryGetValue(resource, out var handler))
        {
            return handler;
        }

        foreach (var (pattern, globHandler) in _globs)
        {
            if (pattern.IsMatch(resource))
            {
                return globHandler;
            }
        }

        return null;
    }
}
