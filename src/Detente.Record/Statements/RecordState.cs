using System.Collections.Immutable;
using Detente.Core;
using Detente.Record.Keys;

namespace Detente.Record.Statements;

/// <summary>
/// What validation needs to know about the record so far: the key directory and each party's last sequence number.
/// Immutable; <see cref="Apply"/> returns the state after one more accepted statement.
/// </summary>
public sealed record RecordState
{
    private RecordState(KeyDirectory keys, ImmutableDictionary<PartyId, long> lastSequence)
    {
        Keys = keys;
        LastSequence = lastSequence;
    }

    /// <summary>No keys and no statements.</summary>
    public static RecordState Empty { get; } = new(KeyDirectory.Empty, ImmutableDictionary<PartyId, long>.Empty);

    /// <summary>The statement keys.</summary>
    public KeyDirectory Keys { get; }

    /// <summary>Each party's last accepted sequence number (absent: none yet).</summary>
    public ImmutableDictionary<PartyId, long> LastSequence { get; }

    /// <summary>The sequence number the party's next statement must carry.</summary>
    public long NextSequence(PartyId party) => LastSequence.GetValueOrDefault(party) + 1;

    /// <summary>Enrols a party's first (or an additional) key from outside the record, e.g. from a trusted configuration.</summary>
    public RecordState WithPartyKey(PartyId party, VerifierKey key) => new(Keys.WithKey(party, key), LastSequence);

    /// <summary>Restores a party's last accepted sequence number, for stores that persist the state rather than replay it.</summary>
    public RecordState WithLastSequence(PartyId party, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return new RecordState(Keys, LastSequence.SetItem(party, sequence));
    }

    /// <summary>Restores a key with its revocation state, for stores that persist the key directory.</summary>
    public RecordState WithRestoredKey(PartyId party, VerifierKey key, bool isRevoked)
    {
        var keys = Keys.WithKey(party, key);
        return new RecordState(isRevoked ? keys.WithRevoked(key.Reference) : keys, LastSequence);
    }

    /// <summary>
    /// The state after <paramref name="statement"/>, which must have passed <see cref="StatementValidator"/> against this
    /// state: advances the author's sequence and applies key rotations (new key added, signing key revoked) and revocations.
    /// </summary>
    public RecordState Apply(SignedStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var s = statement.Statement;
        var keys = Keys;
        if (s.Kind == StatementKind.KeyRotation)
        {
            using var body = s.ParseBody();
            var newKey = VerifierKey.Parse(body.RootElement.GetProperty(StatementValidator.NewKeyMember).GetString()!);
            keys = keys.WithKey(s.Author, newKey).WithRevoked(s.Key);
        }
        else if (s.Kind == StatementKind.KeyRevocation)
        {
            using var body = s.ParseBody();
            keys = keys.WithRevoked(KeyReference.Parse(body.RootElement.GetProperty(StatementValidator.RevokedKeyMember).GetString()!));
        }

        return new RecordState(keys, LastSequence.SetItem(s.Author, s.Sequence));
    }

    /// <summary>States are equal when keys and sequences are equal.</summary>
    public bool Equals(RecordState? other) =>
        other is not null && Keys == other.Keys && LastSequence.Count == other.LastSequence.Count
        && LastSequence.All(p => other.LastSequence.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => LastSequence.Count;
}
