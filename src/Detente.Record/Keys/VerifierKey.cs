using System.Collections.Immutable;
using NSec.Cryptography;

namespace Detente.Record.Keys;

/// <summary>
/// A public key as C2SP signed-note writes it: <c>name+hex8(keyid)+base64(type || public key)</c>.
/// Verifies Ed25519 note signatures (type 0x01) and <c>cosignature/v1</c> cosignatures (type 0x04).
/// </summary>
public sealed record VerifierKey
{
    private const int Ed25519PublicKeyLength = 32;
    private PublicKey? _nsecKey;

    private VerifierKey(string name, SignatureType type, ImmutableArray<byte> publicKey)
    {
        Name = name;
        Type = type;
        PublicKey = publicKey;
        Id = KeyId.Compute(name, type, publicKey.AsSpan());
    }

    /// <summary>The key name (for a log, its origin).</summary>
    public string Name { get; }

    /// <summary>The signature type.</summary>
    public SignatureType Type { get; }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public ImmutableArray<byte> PublicKey { get; }

    /// <summary>The key id derived from name, type and public key.</summary>
    public KeyId Id { get; }

    /// <summary>The name and key id together, <c>name+hex8</c>, which identify the key inside the record.</summary>
    public KeyReference Reference => new(Name, Id);

    /// <summary>Creates a verifier key from its parts.</summary>
    public static VerifierKey Create(string name, SignatureType type, ReadOnlySpan<byte> publicKey)
    {
        KeyName.Check(name, nameof(name));
        if (type is not (SignatureType.Ed25519 or SignatureType.CosignatureV1))
        {
            throw new ArgumentOutOfRangeException(nameof(type), RecordMessages.UnsupportedSignatureType((byte)type));
        }

        if (publicKey.Length != Ed25519PublicKeyLength)
        {
            throw new ArgumentException(RecordMessages.PublicKeyLength(publicKey.Length), nameof(publicKey));
        }

        return new VerifierKey(name, type, [.. publicKey]);
    }

    /// <summary>Parses <c>name+hex8+base64</c>; throws <see cref="RecordFormatException"/> when malformed or when the key id does not match.</summary>
    public static VerifierKey Parse(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        var parts = vkey.Split('+', 3);
        if (parts.Length != 3 || !KeyName.IsValid(parts[0]))
        {
            throw new RecordFormatException(RecordMessages.VerifierKeyShape(vkey));
        }

        var id = KeyId.ParseHex(parts[1]);
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new RecordFormatException(RecordMessages.VerifierKeyShape(vkey));
        }

        if (blob.Length != 1 + Ed25519PublicKeyLength || blob[0] is not ((byte)SignatureType.Ed25519 or (byte)SignatureType.CosignatureV1))
        {
            throw new RecordFormatException(blob.Length == 0
                ? RecordMessages.VerifierKeyShape(vkey)
                : RecordMessages.UnsupportedSignatureType(blob[0]));
        }

        var key = new VerifierKey(parts[0], (SignatureType)blob[0], [.. blob.AsSpan(1)]);
        if (key.Id != id)
        {
            throw new RecordFormatException(RecordMessages.VerifierKeyIdMismatch(vkey, key.Id));
        }

        return key;
    }

    /// <summary>
    /// Verifies a note signature (without its 4-byte key id prefix) over the note text. For type 0x04 the signature is
    /// <c>u64 timestamp || Ed25519 signature</c> over <c>"cosignature/v1\ntime &lt;t&gt;\n" + text</c>.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> noteText, ReadOnlySpan<byte> signature)
    {
        var key = _nsecKey ??= NSec.Cryptography.PublicKey.Import(
            SignatureAlgorithm.Ed25519, PublicKey.AsSpan(), KeyBlobFormat.RawPublicKey);
        if (Type == SignatureType.Ed25519)
        {
            return signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(key, noteText, signature);
        }

        if (signature.Length != 8 + 64)
        {
            return false;
        }

        var timestamp = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(signature);
        var message = Notes.Cosignature.SignedMessage(timestamp, noteText);
        return SignatureAlgorithm.Ed25519.Verify(key, message, signature[8..]);
    }

    /// <summary>The verifier key text <c>name+hex8+base64(type || public key)</c>.</summary>
    public override string ToString()
    {
        var blob = new byte[1 + PublicKey.Length];
        blob[0] = (byte)Type;
        PublicKey.CopyTo(blob, 1);
        return $"{Name}+{Id}+{Convert.ToBase64String(blob)}";
    }

    /// <summary>Keys are equal when name, type and public key are equal.</summary>
    public bool Equals(VerifierKey? other) =>
        other is not null && Name == other.Name && Type == other.Type && PublicKey.AsSpan().SequenceEqual(other.PublicKey.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Type, Id);
}
