using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace StepFlow.Tasks;

/// <summary>Finds the handler for a Task Resource: exact registrations first, then globs in order.</summary>
internal sealed class TaskHandlerRegistry
{
    private readonly FrozenDictionary<string, ITaskHandler> _exact;
    private readonly (System.Text.RegularExpressions.Regex Pattern, ITaskHandler Handler)[] _globs;
    private readonly ConcurrentDictionary<string, ITaskHandler?> _resolved = new(StringComparer.Ordinal);

    public TaskHandlerRegistry(IEnumerable<TaskHandlerRegistration> registrations)
    {
        var exact = new Dictionary<string, ITaskHandler>(StringComparer.Ordinal);
        var globs = new List<(System.Text.RegularExpressions.Regex, ITaskHandler)>();
        foreach (var registration in registrations)
        {
            if (ResourcePattern.IsGlob(registration.Pattern))
            {
                globs.Add((ResourcePattern.GlobToRegex(registration.Pattern), registration.Handler));
            }
            else
            {
                exact[registration.Pattern] = registration.Handler;
            }
        }

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _globs = [.. globs];
    }

    public ITaskHandler? Find(string resource) => _resolved.GetOrAdd(resource, Resolve);

    private ITaskHandler? Resolve(string resource)
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
