using Detente.Record.Notes;

namespace Detente.Record.Proofs;

/// <summary>The outcome of verifying a proof: valid with the checkpoint it rests on, or why not.</summary>
public sealed record ProofCheck
{
    private ProofCheck(bool isValid, string? problem, Checkpoint? checkpoint, int cosigners)
    {
        IsValid = isValid;
        Problem = problem;
        Checkpoint = checkpoint;
        Cosigners = cosigners;
    }

    /// <summary>True when every check passed.</summary>
    public bool IsValid { get; }

    /// <summary>Why the proof failed; null when valid.</summary>
    public string? Problem { get; }

    /// <summary>The verified checkpoint; null on failure.</summary>
    public Checkpoint? Checkpoint { get; }

    /// <summary>How many distinct trusted witnesses cosigned the checkpoint.</summary>
    public int Cosigners { get; }

    internal static ProofCheck Valid(Checkpoint checkpoint, int cosigners) => new(true, null, checkpoint, cosigners);

    internal static ProofCheck Failed(string problem) => new(false, problem, null, 0);

    /// <inheritdoc/>
    public override string ToString() => IsValid ? $"valid at {Checkpoint!.Origin} size {Checkpoint.Size}" : $"invalid: {Problem}";
}
