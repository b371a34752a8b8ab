namespace StepFlow.Parsing.Validation;

/// <summary>Rules for state names, Map Labels and variable names.</summary>
internal static class NameRules
{
    /// <summary>The longest state name, in Unicode characters.</summary>
    public const int MaxStateNameLength = 80;

    /// <summary>The longest Map Label, in Unicode characters.</summary>
    public const int MaxLabelLength = 40;

    /// <summary>The longest variable name, in Unicode characters.</summary>
    public const int MaxVariableNameLength = 80;

    /// <summary>Returns why a state name is invalid, or null when it is fine.</summary>
    public static string? StateNameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "A state name must not be empty.";
        }

        if (name.Length > MaxStateNameLength && CountRunes(name) > MaxStateNameLength)
        {
            return $"A state name must be at most {MaxStateNameLength} characters long.";
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return "A state name must not contain control characters.";
            }
        }

        return null;
    }

    /// <summary>Returns why a Map Label is invalid, or null when it is fine.</summary>
    public static string? LabelProblem(string label)
    {
        if (label.Length == 0)
        {
            return "A Map Label must not be empty.";
        }

        if (label.Length > MaxLabelLength && CountRunes(label) > MaxLabelLength)
        {
            return $"A Map Label must be at most {MaxLabelLength} characters long.";
        }

        foreach (var c in label)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || IsForbiddenLabelCharacter(c))
            {
                return "A Map Label must not contain whitespace, brackets, wildcards, control or special characters (< > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /).";
            }
        }

        return null;
    }

    /// <summary>Returns why a variable name (an Assign key, without any <c>.$</c>) is invalid, or null.</summary>
    public static string? VariableNameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "A variable name must not be empty.";
        }

        if (name.Length > MaxVariableNameLength && CountRunes(name) > MaxVariableNameLength)
        {
            return $"A variable name must be at most {MaxVariableNameLength} characters long.";
        }

        if (string.Equals(name, "states", StringComparison.Ordinal))
        {
            return "The variable name 'states' is reserved.";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c == '_' || char.IsLetter(c) || char.IsSurrogate(c) || (i > 0 && char.IsDigit(c));
            if (!ok)
            {
                return "A variable name must start with a letter or '_' and contain only letters, digits and '_'.";
            }
        }

        return null;
    }

    private static bool IsForbiddenLabelCharacter(char c) => c switch
    {
        '<' or '>' or '{' or '}' or '[' or ']' or '?' or '*' or '"' or '#' or '%' or '\\' or '^' or '|' or '~' or '`' or '$' or '&' or ','
            or ';' or ':' or '/' => true,
        _ => false,
    };

    private static int CountRunes(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
