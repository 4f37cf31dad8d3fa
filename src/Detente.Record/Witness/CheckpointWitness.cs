using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Record.Witness;

/// <summary>A log the witness follows: its origin and the keys it trusts to sign that log's checkpoints.</summary>
/// <param name="Origin">The log's checkpoint origin.</param>
/// <param name="Keys">The log's Ed25519 verifier keys.</param>
public sealed record WitnessedLog(string Origin, ImmutableArray<VerifierKey> Keys);

/// <summary>The latest checkpoint a witness cosigned for one log: what it must persist.</summary>
/// <param name="Origin">The log's origin.</param>
/// <param name="Size">The cosigned tree size.</param>
/// <param name="RootHash">The cosigned root hash.</param>
/// <param name="Checkpoint">
/// The cosigned checkpoint as the witness serves it to monitors (tlog-witness <c>GET &lt;origin hash&gt;/checkpoint</c>): the log
/// signatures it verified and its own cosignature; null for state persisted before witnesses kept it.
/// </param>
public sealed record WitnessRecord(string Origin, long Size, MerkleHash RootHash, SignedNote? Checkpoint = null);

/// <summary>
/// The answer to an <c>add-checkpoint</c> request: HTTP status, content type and body, and on success the
/// <see cref="Persist"/> record, which the host must store atomically with its check of the old size before replying.
/// </summary>
/// <param name="StatusCode">200, 400, 403, 404, 409 or 422.</param>
/// <param name="ContentType">The response content type.</param>
/// <param name="Body">The response body: cosignature lines on success, the stored size on 409, a reason otherwise.</param>
/// <param name="Persist">The new state to store; null unless the status is 200.</param>
public sealed record WitnessResponse(int StatusCode, string ContentType, string Body, WitnessRecord? Persist);

/// <summary>
/// The witness side of C2SP tlog-witness <c>add-checkpoint</c> as a pure function: given the request body, the stored state and
/// the time, it decides the response and the state to persist. Status codes follow tlog-witness v1.0.0: 404 unknown origin,
/// 403 no trusted signature or a bad one, 400 malformed or old &gt; new, 409 old ≠ stored size (body <c>&lt;size&gt;\n</c>,
/// <c>text/x.tlog.size</c>), 422 bad proof, non-empty proof with old = 0, same size with another root, or an empty tree whose
/// root is not SHA-256(""). The HTTP host, locking and storage belong to the caller.
/// </summary>
public sealed class CheckpointWitness
{
    /// <summary>The content type of a 409 response.</summary>
    public const string SizeContentType = "text/x.tlog.size";

    private const string TextContentType = "text/plain; charset=utf-8";
    private readonly SigningKey _key;
    private readonly ImmutableDictionary<string, WitnessedLog> _logs;

    /// <summary>Creates a witness that cosigns with <paramref name="key"/> (type 0x04) for the given logs. The key stays owned by the caller.</summary>
    public CheckpointWitness(SigningKey key, IEnumerable<WitnessedLog> logs)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(logs);
        _key = key;
        _logs = logs.ToImmutableDictionary(l => l.Origin, StringComparer.Ordinal);
    }

    /// <summary>The verifier key under which this witness cosigns.</summary>
    public VerifierKey CosignerKey => _key.CosignerKey;

    /// <summary>Handles one request. <paramref name="stored"/> looks up the latest cosigned record for an origin (null: never).</summary>
    public WitnessResponse AddCheckpoint(ReadOnlySpan<byte> requestBody, Func<string, WitnessRecord?> stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        AddCheckpointRequest request;
        Checkpoint checkpoint;
        try
        {
            request = AddCheckpointRequest.Parse(requestBody);
            checkpoint = Checkpoint.Parse(request.Checkpoint.Text);
        }
        catch (RecordFormatException e)
        {
            return Text(400, e.Message);
        }

        if (!_logs.TryGetValue(checkpoint.Origin, out var log))
        {
            return Text(404, RecordMessages.WitnessUnknownOrigin(checkpoint.Origin));
        }

        var verification = request.Checkpoint.Verify(log.Keys);
        if (!verification.IsVerified)
        {
            return Text(403, verification.Error!);
        }

        if (request.OldSize > checkpoint.Size)
        {
            return Text(400, RecordMessages.WitnessOldBeyondNew(request.OldSize, checkpoint.Size));
        }

        var current = stored(checkpoint.Origin);
        var storedSize = current?.Size ?? 0;
        if (request.OldSize != storedSize)
        {
            return new WitnessResponse(409, SizeContentType, storedSize.ToString(CultureInfo.InvariantCulture) + "\n", null);
        }

        if (checkpoint.Size == 0 && checkpoint.RootHash != MerkleHash.Empty)
        {
            return Text(422, RecordMessages.WitnessEmptyRoot);
        }

        if (request.OldSize == 0)
        {
            if (request.Proof.Length != 0)
            {
                return Text(422, RecordMessages.WitnessProofFromZero);
            }
        }
        else if (request.OldSize == checkpoint.Size)
        {
            if (request.Proof.Length != 0 || current!.RootHash != checkpoint.RootHash)
            {
                return Text(422, RecordMessages.WitnessSameSizeOtherRoot);
            }
        }
        else if (!MerkleProofs.VerifyConsistency(request.OldSize, checkpoint.Size, current!.RootHash, checkpoint.RootHash, request.Proof))
        {
            return Text(422, RecordMessages.WitnessBadProof(request.OldSize, checkpoint.Size));
        }

        var timestamp = (ulong)Math.Max(1, now.ToUnixTimeSeconds());
        var line = Cosignature.Sign(_key, request.Checkpoint.Text, timestamp).ToLine();

        // What monitors may fetch later: the checkpoint with the trusted log signatures (unknown ones dropped) and this cosignature.
        var served = SignedNote.Parse(request.Checkpoint.Text + "\n"
            + string.Concat(verification.VerifiedSignatures.Select(v => v.Signature.ToLine())) + line);
        return new WitnessResponse(200, TextContentType, line, new WitnessRecord(checkpoint.Origin, checkpoint.Size, checkpoint.RootHash, served));
    }

    private static WitnessResponse Text(int status, string message) =>
        new(status, TextContentType, message + "\n", null);
}
