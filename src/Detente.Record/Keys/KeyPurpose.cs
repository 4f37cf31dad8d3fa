namespace Detente.Record.Keys;

/// <summary>What a key in a keyring is for.</summary>
public enum KeyPurpose
{
    /// <summary>Signs a party's statements (Ed25519, type 0x01).</summary>
    Statement,

    /// <summary>Signs a log's checkpoints (Ed25519, type 0x01; name = origin).</summary>
    Log,

    /// <summary>Cosigns other logs' checkpoints as a witness (<c>cosignature/v1</c>, type 0x04).</summary>
    Witness,
}
