namespace StepFlow.Persistence;

/// <summary>
/// The store's data cannot be used: a corrupt or foreign database, or one written by a newer StepFlow. Nothing was
/// changed in it.
/// </summary>
public sealed class StoreSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreSchemaException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
