namespace StepFlow.Tasks;

/// <summary>Names .NET types in error causes as C# writes them.</summary>
internal static class ClrTypeName
{
    /// <summary>A type's name as C# writes it: <c>System.Collections.Generic.List&lt;MyApp.Order&gt;</c>.</summary>
    public static string Of(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Of(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[]";
        }

        var name = type.FullName ?? type.Name;
        if (!type.IsGenericType)
        {
            return name.Replace('+', '.');
        }

        var open = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var tick = open.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick > 0 ? open[..tick] : open).Replace('+', '.')}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }
}
