using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Detente.Record.Keys;

/// <summary>
/// A signed-note key id: the first 4 bytes (big-endian) of <c>SHA-256(name || 0x0A || type || public key)</c>,
/// written as 8 lower-case hex digits in verifier keys.
/// </summary>
/// <param name="Value">The 32-bit id.</param>
public readonly record struct KeyId(uint Value)
{
    /// <summary>Computes the key id of a key name, signature type and public key, exactly as signed-note specifies.</summary>
    public static KeyId Compute(string name, SignatureType type, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = 0x0A;
        buffer[nameBytes.Length + 1] = (byte)type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        return new KeyId(BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer)));
    }

    /// <summary>Parses 8 hex digits.</summary>
    public static KeyId ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 8 || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new RecordFormatException(RecordMessages.KeyIdHex(hex));
        }

        return new KeyId(value);
    }

    /// <summary>8 lower-case hex digits, as in a verifier key.</summary>
    public override string ToString() => Value.ToString("x8", CultureInfo.InvariantCulture);
}
