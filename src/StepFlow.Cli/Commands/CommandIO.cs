using System.Text;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Cli.Commands;

/// <summary>Helpers the verbs share: reading files and JSON, printing diagnostics.</summary>
internal static class CommandIO
{
    /// <summary>Strict UTF-8: bytes that are not UTF-8 are an error, never replaced by U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of the UTF-8 file at <paramref name="path"/> (a leading byte order mark is dropped).</summary>
    /// <exception cref="InvalidInputException">The file is not valid UTF-8; the message names the file and the byte offset.</exception>
    public static string ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"File not found: {path}", path);
        }

        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidInputException($"The file {path} is not valid UTF-8 (invalid bytes at byte offset {start + ex.Index}).");
        }
    }

    /// <summary>Reads JSON from a file when <paramref name="fileOrJson"/> names one, else parses it as inline JSON.</summary>
    public static JsonValue ReadJsonArgument(string fileOrJson)
    {
        var text = File.Exists(fileOrJson) ? ReadFile(fileOrJson) : fileOrJson;
        try
        {
            return JsonValue.Parse(text);
        }
        catch (JsonParseException ex)
        {
            throw new InvalidInputException(File.Exists(fileOrJson)
                ? $"The input file {fileOrJson} is not valid JSON: {ex.Message}"
                : $"The input is neither an existing file nor valid JSON: {ex.Message}");
        }
    }

    /// <summary>Parses a definition file; prints every diagnostic to <paramref name="stderr"/>; null when invalid.</summary>
    public static async Task<StateMachine?> ParseDefinitionAsync(string path, TextWriter stderr)
    {
        var text = ReadFile(path);
        if (!StateMachine.TryParse(text, out var machine, out var diagnostics))
        {
            foreach (var diagnostic in diagnostics)
            {
                await stderr.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            if (diagnostics.IsDefaultOrEmpty)
            {
                await stderr.WriteLineAsync($"The definition in {path} is invalid.").ConfigureAwait(false);
            }

            return null;
        }

        foreach (var warning in machine.Warnings)
        {
            await stderr.WriteLineAsync(warning.ToString()).ConfigureAwait(false);
        }

        return machine;
    }

    public static bool IsError(Diagnostic diagnostic) => diagnostic.Severity == DiagnosticSeverity.Error;
}

/// <summary>An input that is neither a file nor valid JSON.</summary>
internal sealed class InvalidInputException(string message) : Exception(message);
