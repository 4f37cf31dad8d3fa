using System.Collections.Immutable;
using Detente.Core;
using Detente.Record.Keys;

namespace Detente.Record.Statements;

/// <summary>A statement key and the party that owns it.</summary>
/// <param name="Owner">The party the key signs for.</param>
/// <param name="Key">The Ed25519 note verifier key.</param>
/// <param name="IsRevoked">True once revoked or rotated out: it signs nothing further.</param>
public sealed record PartyKey(PartyId Owner, VerifierKey Key, bool IsRevoked);

/// <summary>Which statement keys exist, who owns each, and which are revoked. Immutable: changes return a new directory.</summary>
public sealed record KeyDirectory
{
    private readonly ImmutableDictionary<KeyReference, PartyKey> _keys;

    private KeyDirectory(ImmutableDictionary<KeyReference, PartyKey> keys) => _keys = keys;

    /// <summary>A directory with no keys.</summary>
    public static KeyDirectory Empty { get; } = new(ImmutableDictionary<KeyReference, PartyKey>.Empty);

    /// <summary>All keys, revoked ones included.</summary>
    public IEnumerable<PartyKey> Keys => _keys.Values;

    /// <summary>Adds a key for <paramref name="owner"/>; the key must be an Ed25519 note key not already present.</summary>
    public KeyDirectory WithKey(PartyId owner, VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type != SignatureType.Ed25519)
        {
            throw new ArgumentException(RecordMessages.StatementKeyType(key.Reference), nameof(key));
        }

        if (_keys.ContainsKey(key.Reference))
        {
            throw new ArgumentException(RecordMessages.StatementKeyExists(key.Reference), nameof(key));
        }

        return new KeyDirectory(_keys.Add(key.Reference, new PartyKey(owner, key, false)));
    }

    /// <summary>Marks a key revoked; unknown keys are an error.</summary>
    public KeyDirectory WithRevoked(KeyReference reference)
    {
        if (!_keys.TryGetValue(reference, out var key))
        {
            throw new ArgumentException(RecordMessages.StatementUnknownKey(reference), nameof(reference));
        }

        return new KeyDirectory(_keys.SetItem(reference, key with { IsRevoked = true }));
    }

    /// <summary>Finds a key by reference.</summary>
    public PartyKey? Find(KeyReference reference) => _keys.GetValueOrDefault(reference);

    /// <summary>Directories are equal when they hold the same keys in the same states.</summary>
    public bool Equals(KeyDirectory? other) =>
        other is not null && _keys.Count == other._keys.Count
        && _keys.All(p => other._keys.TryGetValue(p.Key, out var o) && o == p.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => _keys.Count;
}
