namespace Detente.Record.Statements;

/// <summary>Why a statement was rejected; the accompanying message says the details.</summary>
public enum StatementError
{
    /// <summary>The entry is larger than 65,535 bytes.</summary>
    TooLarge,

    /// <summary>The entry is not valid RFC 8785 canonical JSON.</summary>
    NotCanonical,

    /// <summary>The envelope lacks a member, has an extra one, or a member has the wrong form.</summary>
    Malformed,

    /// <summary>The kind is not in the registry.</summary>
    UnknownKind,

    /// <summary>The body does not have the members its kind requires.</summary>
    BadBody,

    /// <summary>The key is not known to the record.</summary>
    UnknownKey,

    /// <summary>The key was revoked or rotated out.</summary>
    RevokedKey,

    /// <summary>The key belongs to another party than the author.</summary>
    KeyNotOwnedByAuthor,

    /// <summary>The signature does not verify.</summary>
    BadSignature,

    /// <summary>The sequence number was already used by the author.</summary>
    SequenceReplayed,

    /// <summary>The sequence number skips ahead of the author's next number.</summary>
    SequenceSkipped,

    /// <summary>The time is further in the future than the allowed clock skew.</summary>
    TimeInFuture,

    /// <summary>A body rule of the trust model failed; <see cref="StatementCheck.Rule"/> names it (see <c>Admission.BodyRules</c>).</summary>
    BodyRule,
}
