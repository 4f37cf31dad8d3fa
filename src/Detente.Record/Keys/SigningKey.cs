using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Detente.Record.Keys;

/// <summary>
/// An Ed25519 private key with the name it signs under. The same key can present itself as a note signer (type 0x01)
/// or as a witness cosigner (type 0x04); C2SP asks that a cosigner use a key of its own.
/// Dispose it to clear the private key from memory.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private const string PrivateKeyPrefix = "PRIVATE+KEY+";
    private static readonly byte[] DemoLabel = Encoding.UTF8.GetBytes("detente demo key v1\n");
    private readonly Key _key;
    private readonly byte[] _seed;

    private SigningKey(string name, ReadOnlySpan<byte> seed, bool isDemo)
    {
        KeyName.Check(name, nameof(name));
        if (seed.Length != 32)
        {
            throw new ArgumentException(RecordMessages.SeedLength(seed.Length), nameof(seed));
        }

        Name = name;
        IsDemo = isDemo;
        _seed = seed.ToArray();
        _key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
        var publicKey = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        NoteKey = VerifierKey.Create(name, SignatureType.Ed25519, publicKey);
        CosignerKey = VerifierKey.Create(name, SignatureType.CosignatureV1, publicKey);
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>True for keys derived from a public label by <see cref="Demo"/>: anyone can recompute them, so they prove nothing.</summary>
    public bool IsDemo { get; }

    /// <summary>The verifier key for Ed25519 note signatures (type 0x01): statements and checkpoints.</summary>
    public VerifierKey NoteKey { get; }

    /// <summary>The verifier key for <c>cosignature/v1</c> (type 0x04): witnesses.</summary>
    public VerifierKey CosignerKey { get; }

    /// <summary>Generates a new random key.</summary>
    public static SigningKey Generate(string name)
    {
        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        try
        {
            return new SigningKey(name, seed, isDemo: false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Creates a key from a 32-byte Ed25519 seed (RFC 8032 private key).</summary>
    public static SigningKey FromSeed(string name, ReadOnlySpan<byte> seed) => new(name, seed, isDemo: false);

    /// <summary>
    /// A deterministic demo key: the seed is <c>SHA-256("detente demo key v1\n" || name)</c>. For examples and tests only;
    /// such keys are marked <see cref="IsDemo"/> and written so in a keyring.
    /// </summary>
    public static SigningKey Demo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = new byte[DemoLabel.Length + Encoding.UTF8.GetByteCount(name)];
        DemoLabel.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(name, input.AsSpan(DemoLabel.Length));
        return new SigningKey(name, SHA256.HashData(input), isDemo: true);
    }

    /// <summary>
    /// Parses the Go x/mod private key text <c>PRIVATE+KEY+name+hex8+base64(0x01 || seed)</c>; the key id must match.
    /// </summary>
    public static SigningKey ParsePrivate(string text, bool isDemo = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(PrivateKeyPrefix, StringComparison.Ordinal))
        {
            throw new RecordFormatException(RecordMessages.PrivateKeyShape);
        }

        var parts = text[PrivateKeyPrefix.Length..].Split('+', 3);
        if (parts.Length != 3)
        {
            throw new RecordFormatException(RecordMessages.PrivateKeyShape);
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new RecordFormatException(RecordMessages.PrivateKeyShape);
        }

        if (blob.Length != 33 || blob[0] != (byte)SignatureType.Ed25519 || !KeyName.IsValid(parts[0]))
        {
            throw new RecordFormatException(RecordMessages.PrivateKeyShape);
        }

        var key = new SigningKey(parts[0], blob.AsSpan(1), isDemo);
        CryptographicOperations.ZeroMemory(blob);
        if (key.NoteKey.Id != KeyId.ParseHex(parts[1]))
        {
            key.Dispose();
            throw new RecordFormatException(RecordMessages.PrivateKeyIdMismatch);
        }

        return key;
    }

    /// <summary>The private key text <c>PRIVATE+KEY+name+hex8+base64(0x01 || seed)</c>, as Go x/mod writes it. Keep it secret.</summary>
    public string ExportPrivate()
    {
        var blob = new byte[33];
        blob[0] = (byte)SignatureType.Ed25519;
        _seed.CopyTo(blob, 1);
        var text = $"{PrivateKeyPrefix}{Name}+{NoteKey.Id}+{Convert.ToBase64String(blob)}";
        CryptographicOperations.ZeroMemory(blob);
        return text;
    }

    /// <summary>A raw 64-byte Ed25519 signature of <paramref name="message"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    /// <inheritdoc/>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_seed);
        _key.Dispose();
    }
}
