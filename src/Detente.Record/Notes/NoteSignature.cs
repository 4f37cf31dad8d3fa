using System.Buffers.Binary;
using System.Collections.Immutable;
using Detente.Record.Keys;

namespace Detente.Record.Notes;

/// <summary>One signature line of a signed note: <c>— name base64(keyid || signature)</c>.</summary>
public sealed record NoteSignature
{
    /// <summary>Creates a signature line from its parts.</summary>
    public NoteSignature(string keyName, KeyId keyId, ReadOnlySpan<byte> signature)
    {
        KeyName.Check(keyName, nameof(keyName));
        Name = keyName;
        KeyId = keyId;
        Signature = [.. signature];
    }

    /// <summary>The name of the key that signed.</summary>
    public string Name { get; }

    /// <summary>The key id from the first four bytes of the decoded value.</summary>
    public KeyId KeyId { get; }

    /// <summary>The signature bytes after the key id (for cosignatures: timestamp and Ed25519 signature).</summary>
    public ImmutableArray<byte> Signature { get; }

    /// <summary>For a <c>cosignature/v1</c> signature, the Unix time in seconds it carries; null when too short to hold one.</summary>
    public ulong? CosignatureTime => Signature.Length == 72 ? BinaryPrimitives.ReadUInt64BigEndian(Signature.AsSpan()) : null;

    /// <summary>The line as written in a note, ending in '\n'.</summary>
    public string ToLine()
    {
        var blob = new byte[4 + Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId.Value);
        Signature.CopyTo(blob, 4);
        return $"\u2014 {Name} {Convert.ToBase64String(blob)}\n";
    }

    /// <summary>Signatures are equal when name, key id and bytes are equal.</summary>
    public bool Equals(NoteSignature? other) =>
        other is not null && Name == other.Name && KeyId == other.KeyId && Signature.AsSpan().SequenceEqual(other.Signature.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, KeyId, Signature.Length);

    /// <inheritdoc/>
    public override string ToString() => ToLine().TrimEnd('\n');
}
