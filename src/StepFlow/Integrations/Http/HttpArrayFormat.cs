namespace StepFlow.Integrations.Http;

/// <summary>How arrays are URL-encoded: the HTTP Task's <c>Transform.RequestEncodingOptions.ArrayFormat</c>.</summary>
internal enum HttpArrayFormat
{
    /// <summary><c>array[0]=a&amp;array[1]=b</c> (AWS's default).</summary>
    Indices,

    /// <summary><c>array=a&amp;array=b</c>.</summary>
    Repeat,

    /// <summary><c>array=a,b</c>.</summary>
    Commas,

    /// <summary><c>array[]=a&amp;array[]=b</c>.</summary>
    Brackets,
}
