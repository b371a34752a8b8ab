namespace StepFlow.Cli;

/// <summary>A command-line mistake; the message is shown with the usage text.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Plain argument parsing: positional arguments, <c>--flag</c> switches and <c>--name value</c> options
/// (also <c>--name=value</c>). Each command declares the switches and options it knows; anything else is a usage error.
/// </summary>
public sealed class CommandLine
{
    private readonly List<string> _positionals = [];
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CommandLine()
    {
    }

    /// <summary>The positional arguments in order.</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>Parses <paramref name="args"/> knowing which names are switches and which take a value.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(options);
        var result = new CommandLine();
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || !arg.StartsWith("--", StringComparison.Ordinal))
            {
                result._positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (flags.Contains(name))
            {
                if (equals >= 0)
                {
                    throw new UsageException($"The switch {name} takes no value.");
                }

                result._flags.Add(name);
            }
            else if (options.Contains(name))
            {
                string value;
                if (equals >= 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"The option {name} needs a value.");
                }

                result._options[name] = value;
            }
            else
            {
                throw new UsageException($"Unknown option {name}.");
            }
        }

        return result;
    }

    /// <summary>True when the switch was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The option's value, or null.</summary>
    public string? Get(string option) => _options.GetValueOrDefault(option);

    /// <summary>Requires exactly <paramref name="count"/> positional arguments.</summary>
    public void ExpectPositionals(int count, string what)
    {
        if (_positionals.Count != count)
        {
            throw new UsageException(_positionals.Count < count
                ? $"Missing {what}."
                : $"Unexpected argument '{_positionals[count]}'.");
        }
    }
}
