namespace StepFlow.StateMachines;

/// <summary>AWS's rules for state machine, execution and activity names (1–80 characters, no reserved characters).</summary>
internal static class ResourceNames
{
    /// <summary>The longest name AWS accepts.</summary>
    public const int MaxLength = 80;

    private const string Reserved = " <>{}[]?*\"#%\\^|~`$&,;:/";

    /// <summary>Whether <paramref name="name"/> is a valid name; when not, <paramref name="reason"/> says why.</summary>
    public static bool IsValid(string? name, out string reason)
    {
        if (string.IsNullOrEmpty(name))
        {
            reason = "the name is empty";
            return false;
        }

        if (name.Length > MaxLength)
        {
            reason = $"the name is {name.Length} characters long (at most {MaxLength})";
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || Reserved.Contains(c, StringComparison.Ordinal) || c <= '\u001F' || (c >= '\u007F' && c <= '\u009F'))
            {
                reason = $"the name contains the character U+{(int)c:X4}, which AWS does not allow";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }
}
