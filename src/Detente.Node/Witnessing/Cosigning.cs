using System.Globalization;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Witness;

namespace Detente.Node.Witnessing;

/// <summary>A witness's answer to an <c>add-checkpoint</c> request: the HTTP status and the body as text.</summary>
/// <param name="Status">The status code (200 with signature lines, 409 with the size the witness holds, …).</param>
/// <param name="Body">The body.</param>
public sealed record WitnessAnswer(int Status, string Body);

/// <summary>
/// How a log reaches one witness (tlog-witness <c>POST /add-checkpoint</c>). The transport is the host's: the command line posts
/// over HTTP; tests answer in memory. An unreachable witness or one that does not answer in time is a <see cref="NodeException"/>.
/// </summary>
public interface IWitnessClient
{
    /// <summary>Where the witness is, for messages.</summary>
    string Name { get; }

    /// <summary>Sends an add-checkpoint request body and returns the answer.</summary>
    Task<WitnessAnswer> AddCheckpointAsync(byte[] requestBody, CancellationToken cancellation);
}

/// <summary>A witness to ask for cosignatures: how to reach it and, when known, its cosigner key (its signatures are then checked).</summary>
/// <param name="Client">The transport.</param>
/// <param name="Key">The witness's cosigner verifier key; null to store whatever signature lines it returns.</param>
public sealed record WitnessPeer(IWitnessClient Client, VerifierKey? Key);

/// <summary>What one witness did with a checkpoint: the note with its new signatures, who signed, and how many signatures were new.</summary>
/// <param name="Cosigned">The checkpoint with every signature it holds now.</param>
/// <param name="Signers">The names on the signature lines the witness returned.</param>
/// <param name="Added">Signatures not on the checkpoint before.</param>
public sealed record CosignOutcome(SignedNote Cosigned, IReadOnlyList<string> Signers, int Added);

/// <summary>
/// The log's side of tlog-witness (C2SP), without the transport: ask a witness to cosign a checkpoint, starting from its unknown
/// state (old size 0); when it answers 409 with the size it holds, prove consistency from there and ask once more. A returned
/// signature line is checked against the witness's key when it is known. Storing the cosigned note is the caller's (the appender's).
/// </summary>
public static class Cosigning
{
    /// <summary>Asks <paramref name="witness"/> to cosign <paramref name="checkpoint"/>; <paramref name="prove"/> gives the consistency proof between two sizes.</summary>
    public static async Task<CosignOutcome> RequestAsync(SignedNote checkpoint, WitnessPeer witness,
        Func<long, long, IReadOnlyList<MerkleHash>> prove, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(prove);
        var size = Checkpoint.Parse(checkpoint.Text).Size;
        var old = 0L;
        for (var attempt = 0; ; attempt++)
        {
            var proof = old == 0 || old == size ? [] : prove(old, size);
            var request = new AddCheckpointRequest(old, [.. proof], checkpoint);
            var answer = await witness.Client.AddCheckpointAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellation).ConfigureAwait(false);
            if (answer.Status == 409 && attempt == 0
                && long.TryParse(answer.Body.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var held) && held <= size && held != old)
            {
                old = held;
                continue;
            }

            if (answer.Status is < 200 or > 299)
            {
                throw new NodeException($"the witness {witness.Client.Name} answered {answer.Status}: {answer.Body.Trim()}");
            }

            return Merge(checkpoint, answer.Body, witness);
        }
    }

    /// <summary>
    /// Asks <paramref name="witness"/> to cosign the latest checkpoint of <paramref name="store"/> and stores the cosigned note; returns
    /// what the witness did and the checkpoint's size. A record without a checkpoint is refused.
    /// </summary>
    public static (CosignOutcome Outcome, long Size) CosignLatest(Storage.IRecordStore store, WitnessPeer witness)
    {
        ArgumentNullException.ThrowIfNull(store);
        var latest = store.LatestCheckpoint() ?? throw new NodeException("the record has no checkpoint yet; run 'detente record checkpoint'");
        var outcome = RequestAsync(latest, witness, (o, n) => store.ProveConsistency(o, n).Hashes, CancellationToken.None).GetAwaiter().GetResult();
        store.SaveCosigned(outcome.Cosigned);
        return (outcome, Checkpoint.Parse(latest.Text).Size);
    }

    /// <summary>Adds the witness's signature lines to the checkpoint, each checked under the witness's key when it is known.</summary>
    public static CosignOutcome Merge(SignedNote checkpoint, string answer, WitnessPeer witness)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(witness);
        var cosigned = checkpoint;
        var added = 0;
        var signers = new List<string>();
        var text = Encoding.UTF8.GetBytes(checkpoint.Text);
        foreach (var line in answer.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            NoteSignature signature;
            try
            {
                signature = SignedNote.ParseSignatureLine(line);
            }
            catch (Record.RecordFormatException e)
            {
                throw new NodeException($"the witness {witness.Client.Name} answered a line that is no signature ({e.Message}): {line}");
            }

            if (witness.Key is { } key && !(signature.Name == key.Name && signature.KeyId == key.Id && key.Verify(text, signature.Signature.AsSpan())))
            {
                throw new NodeException($"the witness {witness.Client.Name}'s signature line does not verify under its key {key}: {line}");
            }

            signers.Add(signature.Name);
            if (!cosigned.Signatures.Contains(signature))
            {
                cosigned = cosigned.WithSignature(signature);
                added++;
            }
        }

        if (signers.Count == 0)
        {
            throw new NodeException($"the witness {witness.Client.Name} answered without a signature line");
        }

        return new CosignOutcome(cosigned, signers, added);
    }
}
