using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Node.Appending;

/// <summary>
/// A party's statement keys (<c>keys new</c>, <c>rotate</c>, <c>revoke</c>): private keys stay in the node's keyring; a rotation or a
/// revocation is a statement appended through the <see cref="Appender"/>. A refusal is a <see cref="NodeException"/>; nothing is written.
/// </summary>
public static class PartyKeys
{
    /// <summary>The first free default key name of the party: <c>party.detente.local/&lt;PARTY&gt;/&lt;n&gt;</c>, n after its keys.</summary>
    public static string NextName(RecordNode node, PartyId party)
    {
        ArgumentNullException.ThrowIfNull(node);
        for (var n = node.PartyKeys(party).Count() + 1; ; n++)
        {
            var name = $"party.detente.local/{party.Code}/{n}";
            if (node.Keyring.Find(name) is null)
            {
                return name;
            }
        }
    }

    /// <summary>Creates a statement key for the party named <paramref name="name"/> (default: <see cref="NextName"/>), saves it in the keyring and returns its verifier key.</summary>
    public static VerifierKey New(RecordNode node, PartyId party, string? name)
    {
        ArgumentNullException.ThrowIfNull(node);
        var keyName = name ?? NextName(node, party);
        if (!KeyName.IsValid(keyName))
        {
            throw new NodeException($"--name: '{keyName}' is not a key name (non-empty, no spaces, no '+')");
        }

        if (node.Keyring.Find(keyName) is not null)
        {
            throw new NodeException($"--name: the keyring already holds a key named '{keyName}'");
        }

        using var key = SigningKey.Generate(keyName);
        node.Save(node.Keyring.Add(key, KeyPurpose.Statement, party));
        return key.NoteKey;
    }

    /// <summary>Creates a new key for the party and appends a key-rotation statement signed by its current key (which it retires); returns both.</summary>
    public static (KeyReference Retired, VerifierKey Fresh) Rotate(RecordNode node, PartyId party, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var current = node.SigningKeyFor(party, null, out var enrol);
        using var fresh = SigningKey.Generate(NextName(node, party));

        // The new key is saved before the statement is appended: a crash in between leaves an unused key, never a lost one.
        node.Save(node.Keyring.Add(fresh, KeyPurpose.Statement, party));
        var body = $$"""{"{{StatementValidator.NewKeyMember}}":"{{fresh.NoteKey}}"}""";
        Accepted(node.Submit(RecordNode.Sign(node.Store, StatementKind.KeyRotation, party, current, body, now), party, enrol));
        return (current.NoteKey.Reference, fresh.NoteKey);
    }

    /// <summary>
    /// Appends a key-revocation statement for <paramref name="revoked"/>, signed by another live key of the party when there is one, else by
    /// the key being revoked; returns the signer's reference.
    /// </summary>
    public static KeyReference Revoke(RecordNode node, PartyId party, KeyReference revoked, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        var directory = node.Store.State.Keys;
        var signer = node.PartyKeys(party).FirstOrDefault(k => k.VerifierKey().Reference != revoked
                                                               && directory.Find(k.VerifierKey().Reference) is { IsRevoked: false })
                     ?? node.PartyKeys(party).FirstOrDefault(k => k.VerifierKey().Reference == revoked)
                     ?? throw new NodeException($"the keyring {node.KeyringPath} holds no live key of {party} to sign the revocation");
        using var signing = signer.Open();
        var body = $$"""{"{{StatementValidator.RevokedKeyMember}}":"{{revoked}}"}""";
        Accepted(node.Submit(RecordNode.Sign(node.Store, StatementKind.KeyRevocation, party, signing, body, now), party, null));
        return signing.NoteKey.Reference;
    }

    /// <summary>Parses a key given as <c>&lt;name&gt;+&lt;hex8&gt;</c> or as a whole verifier key (whose base64 part may itself hold '+').</summary>
    public static KeyReference ParseReference(string text)
    {
        if (KeyReference.TryParse(text, out var reference))
        {
            return reference;
        }

        try
        {
            return VerifierKey.Parse(text).Reference;
        }
        catch (Record.RecordFormatException)
        {
            throw new NodeException($"--key: '{text}' is neither <name>+<hex8> nor a verifier key");
        }
    }

    private static void Accepted(AppendResult result)
    {
        if (!result.IsAccepted)
        {
            throw new NodeException(result.Message!);
        }
    }
}
