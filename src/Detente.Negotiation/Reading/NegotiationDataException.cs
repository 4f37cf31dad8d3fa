namespace Detente.Negotiation;

/// <summary>Bad input in a negotiation data file: where it is and what was expected. Nothing is loaded when one is thrown.</summary>
public sealed class NegotiationDataException : Exception
{
    /// <summary>Creates the error for a problem at <paramref name="location"/>.</summary>
    public NegotiationDataException(SourceLocation location, string problem)
        : base($"{location}: {problem}")
    {
        Location = location;
        Problem = problem;
    }

    /// <summary>Where the problem is.</summary>
    public SourceLocation Location { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }
}
