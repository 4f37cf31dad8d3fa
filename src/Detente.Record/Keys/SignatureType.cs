namespace Detente.Record.Keys;

/// <summary>Signed-note signature types the record uses (the byte that prefixes a public key in a verifier key).</summary>
public enum SignatureType : byte
{
    /// <summary>Ed25519 over the note text (type 0x01): log checkpoints and statements.</summary>
    Ed25519 = 0x01,

    /// <summary>Timestamped Ed25519 cosignature, <c>cosignature/v1</c> (type 0x04): witnesses.</summary>
    CosignatureV1 = 0x04,
}
