using System.Diagnostics.CodeAnalysis;
using System.Text;
using StepFlow.Json;

namespace StepFlow.Testing.Mocks;

/// <summary>Reading a mock configuration from text, a file, or the file <c>SFN_MOCK_CONFIG</c> names.</summary>
public sealed partial class MockConfig
{
    /// <summary>The environment variable Step Functions Local reads the mock configuration file's path from.</summary>
    public const string EnvironmentVariable = "SFN_MOCK_CONFIG";

    /// <summary>The file name Step Functions Local looks for when <see cref="EnvironmentVariable"/> is not set.</summary>
    public const string DefaultFileName = "MockConfigFile.json";

    /// <summary>The largest file <see cref="Load(string)"/> reads: 64 MiB.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Parses and checks a mock configuration.</summary>
    /// <exception cref="MockConfigException">The text is not JSON or not a valid mock configuration; lists every problem.</exception>
    public static MockConfig Parse(string json) =>
        TryParse(json, out var config, out var errors) ? config : throw new MockConfigException(null, errors);

    /// <summary>Parses and checks a mock configuration without throwing for bad input.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="config">The configuration, or null when there are errors.</param>
    /// <param name="errors">Every problem found (empty on success), each with a JSON Pointer to its place.</param>
    /// <returns>Whether the text is a valid mock configuration.</returns>
    public static bool TryParse(string json, [NotNullWhen(true)] out MockConfig? config, out IReadOnlyList<MockConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        var found = new List<MockConfigError>();
        config = Read(json, null, found);
        errors = found;
        return config is not null;
    }

    /// <summary>Reads, parses and checks the mock configuration file at <paramref name="path"/>.</summary>
    /// <exception cref="MockConfigException">
    /// The file is missing, a directory, unreadable or larger than <see cref="MaxFileBytes"/>, or it is not a valid mock
    /// configuration; <see cref="MockConfigException.Errors"/> lists every problem.
    /// </exception>
    public static MockConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var errors = new List<MockConfigError>();
        var bytes = ReadFile(path, errors);
        var config = bytes is null ? null : Read(null, bytes, errors);
        return config ?? throw new MockConfigException(path, errors);
    }

    /// <summary>
    /// Loads the file the <c>SFN_MOCK_CONFIG</c> environment variable names, as Step Functions Local does; null when the
    /// variable is unset or empty (Step Functions Local then looks for <see cref="DefaultFileName"/> in its working
    /// directory: <see cref="Load(string)"/> it explicitly for that).
    /// </summary>
    /// <param name="getVariable">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <exception cref="MockConfigException">The variable names a missing or malformed file.</exception>
    public static MockConfig? FromEnvironment(Func<string, string?>? getVariable = null)
    {
        var path = (getVariable ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        return string.IsNullOrEmpty(path) ? null : Load(path);
    }

    private static MockConfig? Read(string? text, byte[]? utf8, List<MockConfigError> errors)
    {
        JsonValue root;
        try
        {
            root = text is not null ? JsonValue.Parse(text) : JsonValue.Parse(WithoutBom(utf8!));
        }
        catch (JsonParseException e)
        {
            errors.Add(new MockConfigError(MockConfigErrorCodes.InvalidJson, e.Message, string.Empty) { Line = e.Line, Position = e.BytePositionInLine });
            return null;
        }

        DuplicateMemberScanner.Scan(text is not null ? Encoding.UTF8.GetBytes(text) : WithoutBom(utf8!), errors);
        var config = MockConfigReader.Read(root, errors);
        return errors.Count == 0 ? config : null;
    }

    private static ReadOnlySpan<byte> WithoutBom(byte[] utf8) =>
        utf8.AsSpan().StartsWith("\uFEFF"u8) ? utf8.AsSpan(3) : utf8;

    private static byte[]? ReadFile(string path, List<MockConfigError> errors)
    {
        string? problem;
        try
        {
            if (Directory.Exists(path))
            {
                problem = "the path is a directory, not a mock configuration file";
            }
            else if (!File.Exists(path))
            {
                problem = "the file does not exist";
            }
            else
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (stream.Length > MaxFileBytes)
                {
                    problem = $"the file is {stream.Length} bytes; a mock configuration may be at most {MaxFileBytes} bytes";
                }
                else
                {
                    var bytes = new byte[stream.Length];
                    stream.ReadExactly(bytes);
                    return bytes;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problem = $"the file could not be read: {e.Message}";
        }

        errors.Add(new MockConfigError(MockConfigErrorCodes.FileNotReadable, problem, string.Empty));
        return null;
    }
}
