using System.Collections.Immutable;
using Detente.Record.Keys;

namespace Detente.Record.Notes;

/// <summary>A signature that a known key verified.</summary>
/// <param name="Key">The key that verified it.</param>
/// <param name="Signature">The signature line.</param>
public sealed record VerifiedSignature(VerifierKey Key, NoteSignature Signature);

/// <summary>The outcome of checking a note's signatures: either the verified signatures or the reason for rejection.</summary>
public sealed record NoteVerification
{
    private NoteVerification(bool isVerified, ImmutableArray<VerifiedSignature> signatures, string? error)
    {
        IsVerified = isVerified;
        VerifiedSignatures = signatures;
        Error = error;
    }

    /// <summary>True when at least one known key verified and no known key failed.</summary>
    public bool IsVerified { get; }

    /// <summary>The signatures from known keys, all verified; empty on failure.</summary>
    public ImmutableArray<VerifiedSignature> VerifiedSignatures { get; }

    /// <summary>Why the note was rejected; null when verified.</summary>
    public string? Error { get; }

    internal static NoteVerification Verified(ImmutableArray<VerifiedSignature> signatures) => new(true, signatures, null);

    internal static NoteVerification Failed(string error) => new(false, [], error);
}
