using System.Text.Json;
using Detente.Core;
using Detente.Record.Keys;

namespace Detente.Record.Statements;

/// <summary>
/// Decides whether an entry may join the record: canonical JSON within 65,535 bytes, a known kind, a known and unrevoked key
/// owned by the author, a valid signature, the author's next sequence number, a time not too far ahead, and a body with the
/// members its kind requires. Nothing is written on rejection.
/// </summary>
public static class StatementValidator
{
    /// <summary>Body member of a key rotation: the new key as a verifier key string.</summary>
    public const string NewKeyMember = "newKey";

    /// <summary>Body member of a key revocation: the revoked key as <c>name+hex8</c>.</summary>
    public const string RevokedKeyMember = "key";

    /// <summary>How far ahead of the validator's clock a statement's time may be, unless the caller says otherwise.</summary>
    public static TimeSpan DefaultMaxClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Validates <paramref name="entry"/> against <paramref name="state"/> at time <paramref name="now"/>.</summary>
    public static StatementCheck Validate(ReadOnlySpan<byte> entry, RecordState state, DateTimeOffset now, TimeSpan? maxClockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parsed = SignedStatement.Parse(entry);
        return parsed.IsAccepted ? Validate(parsed.Statement, state, now, maxClockSkew) : parsed;
    }

    /// <summary>Validates an already parsed statement against <paramref name="state"/> at time <paramref name="now"/>.</summary>
    /// <param name="signed">The parsed statement.</param>
    /// <param name="state">The record so far.</param>
    /// <param name="now">The validator's clock.</param>
    /// <param name="maxClockSkew">How far ahead of <paramref name="now"/> a statement's time may be (default 5 minutes).</param>
    /// <param name="verifiedUnder">
    /// A key the caller has already verified the signature under (e.g. on another core, before taking a lock). The signature is
    /// not checked again only when the state's key for the statement is equal to it, public key included.
    /// </param>
    public static StatementCheck Validate(
        SignedStatement signed, RecordState state, DateTimeOffset now, TimeSpan? maxClockSkew = null, VerifierKey? verifiedUnder = null)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(state);
        var s = signed.Statement;
        var key = state.Keys.Find(s.Key);
        if (key is null)
        {
            return StatementCheck.Reject(StatementError.UnknownKey, RecordMessages.StatementUnknownKey(s.Key));
        }

        if (key.Owner != s.Author)
        {
            return StatementCheck.Reject(StatementError.KeyNotOwnedByAuthor, RecordMessages.StatementKeyOwner(s.Key, key.Owner, s.Author));
        }

        if (key.IsRevoked)
        {
            return StatementCheck.Reject(StatementError.RevokedKey, RecordMessages.StatementRevokedKey(s.Key));
        }

        if (!(verifiedUnder is not null && verifiedUnder.Equals(key.Key)) && !signed.VerifySignature(key.Key))
        {
            return StatementCheck.Reject(StatementError.BadSignature, RecordMessages.StatementBadSignature(s.Key));
        }

        // Invariant: sequence numbers are gapless per party, starting at 1.
        var next = state.NextSequence(s.Author);
        if (s.Sequence < next)
        {
            return StatementCheck.Reject(StatementError.SequenceReplayed, RecordMessages.StatementReplayed(s.Author, s.Sequence, next));
        }

        if (s.Sequence > next)
        {
            return StatementCheck.Reject(StatementError.SequenceSkipped, RecordMessages.StatementSkipped(s.Author, s.Sequence, next));
        }

        var skew = maxClockSkew ?? DefaultMaxClockSkew;
        if (s.Time > now + skew)
        {
            return StatementCheck.Reject(StatementError.TimeInFuture, RecordMessages.StatementInFuture(s.Time, now, skew));
        }

        var bodyError = CheckBody(s, state);
        return bodyError is null ? StatementCheck.Accept(signed) : StatementCheck.Reject(StatementError.BadBody, bodyError);
    }

    private static string? CheckBody(Statement s, RecordState state)
    {
        if (s.Kind is not (StatementKind.KeyRotation or StatementKind.KeyRevocation or StatementKind.ObservationBatch))
        {
            // Other kinds' bodies are checked by the components that read them; here any canonical object will do.
            return null;
        }

        using var doc = s.ParseBody();
        var body = doc.RootElement;
        switch (s.Kind)
        {
            case StatementKind.KeyRotation:
            {
                if (!body.TryGetProperty(NewKeyMember, out var v) || v.ValueKind != JsonValueKind.String)
                {
                    return RecordMessages.StatementBodyMember(s.Kind.WireName(), NewKeyMember, "a verifier key");
                }

                VerifierKey newKey;
                try
                {
                    newKey = VerifierKey.Parse(v.GetString()!);
                }
                catch (RecordFormatException e)
                {
                    return e.Message;
                }

                if (newKey.Type != SignatureType.Ed25519)
                {
                    return RecordMessages.StatementKeyType(newKey.Reference);
                }

                return state.Keys.Find(newKey.Reference) is null ? null : RecordMessages.StatementKeyExists(newKey.Reference);
            }

            case StatementKind.KeyRevocation:
            {
                if (!body.TryGetProperty(RevokedKeyMember, out var v) || v.ValueKind != JsonValueKind.String
                    || !KeyReference.TryParse(v.GetString(), out var revoked))
                {
                    return RecordMessages.StatementBodyMember(s.Kind.WireName(), RevokedKeyMember, "'<name>+<hex8>'");
                }

                var target = state.Keys.Find(revoked);
                if (target is null)
                {
                    return RecordMessages.StatementUnknownKey(revoked);
                }

                if (target.Owner != s.Author)
                {
                    return RecordMessages.StatementKeyOwner(revoked, target.Owner, s.Author);
                }

                return target.IsRevoked ? RecordMessages.StatementRevokedKey(revoked) : null;
            }

            case StatementKind.ObservationBatch:
            {
                if (!body.TryGetProperty(ObservationBatch.RowsMember, out var rows) || rows.ValueKind != JsonValueKind.Number
                    || !rows.TryGetInt64(out var count) || count < 1)
                {
                    return RecordMessages.StatementBodyMember(s.Kind.WireName(), ObservationBatch.RowsMember, "a row count from 1");
                }

                if (!body.TryGetProperty(ObservationBatch.DigestMember, out var digest) || digest.ValueKind != JsonValueKind.String
                    || !ObservationBatch.IsDigestText(digest.GetString()))
                {
                    return RecordMessages.StatementBodyMember(s.Kind.WireName(), ObservationBatch.DigestMember, "64 lower-case hex digits");
                }

                return null;
            }

            default:
                return null;
        }
    }
}
