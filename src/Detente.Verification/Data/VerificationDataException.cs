namespace Detente.Verification.Data;

/// <summary>
/// Bad verification input (a regimes file, an events file, a step body): says where — file, line and column, or the field —
/// and what was expected. Nothing is recorded when one is thrown.
/// </summary>
public sealed class VerificationDataException : Exception
{
    /// <summary>Creates the error with its location prefix already in <paramref name="message"/>.</summary>
    public VerificationDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a located message.</summary>
    public VerificationDataException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the error.</summary>
    public VerificationDataException()
    {
    }
}
