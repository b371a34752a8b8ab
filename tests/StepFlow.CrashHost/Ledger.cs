using System.Globalization;
using System.Text;

namespace StepFlow.CrashHost;

/// <summary>
/// The crash test's record, outside the store, of everything the engine acknowledged. Each entry is one line handed to the
/// operating system in one unbuffered write before the writer does anything else, so a SIGKILL after the write cannot
/// lose it (it loses only the process; the page cache keeps the file). Thread-safe.
/// </summary>
public sealed class Ledger : IDisposable
{
    private readonly FileStream _file;
    private readonly Lock _gate = new();

    /// <summary>Opens <paramref name="path"/> for appending (creates it).</summary>
    public Ledger(string path) =>
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

    /// <summary>Appends one entry and hands it to the operating system before returning.</summary>
    public void Write(LedgerEntryKind kind, string value)
    {
        var line = Encoding.UTF8.GetBytes($"{(char)kind} {value}\n");
        lock (_gate)
        {
            _file.Write(line);
            _file.Flush();
        }
    }

    /// <summary>Appends one entry with a number.</summary>
    public void Write(LedgerEntryKind kind, int value) => Write(kind, value.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    /// <summary>Every complete entry of the ledger at <paramref name="path"/> (none when it does not exist), in order.</summary>
    public static IReadOnlyList<LedgerEntry> Read(string path)
    {
        var entries = new List<LedgerEntry>();
        if (!File.Exists(path))
        {
            return entries;
        }

        var text = File.ReadAllText(path);
        var lifetime = -1;
        var start = 0;
        for (var end = text.IndexOf('\n', start); end >= 0; start = end + 1, end = text.IndexOf('\n', start))
        {
            var line = text.AsSpan(start, end - start);
            if (line.Length < 3 || line[1] != ' ' || !Enum.IsDefined(typeof(LedgerEntryKind), (int)line[0]))
            {
                throw new InvalidDataException($"ledger {path}: line {entries.Count + 1} is not an entry: '{line}'");
            }

            var kind = (LedgerEntryKind)line[0];
            var value = line[2..].ToString();
            if (kind == LedgerEntryKind.Lifetime)
            {
                lifetime = int.Parse(value, CultureInfo.InvariantCulture);
            }

            entries.Add(new LedgerEntry(kind, value, lifetime, entries.Count));
        }

        return entries;
    }
}
