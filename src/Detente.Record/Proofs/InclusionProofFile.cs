using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Record.Proofs;

/// <summary>
/// An offline proof that an entry is in a log, in the C2SP <c>tlog-proof</c> v1 text layout:
/// <c>c2sp.org/tlog-proof@v1</c>, an optional <c>extra &lt;base64&gt;</c> line, <c>index &lt;n&gt;</c>, one base64 proof hash per
/// line (leaf's sibling first), an empty line, then the (co)signed checkpoint verbatim. Files use the extension
/// <c>.tlog-proof</c>. Verifying needs only the entry, the origin and the trusted keys; no database.
/// </summary>
public sealed record InclusionProofFile
{
    /// <summary>The first line of every proof.</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    /// <summary>The recommended file extension.</summary>
    public const string FileExtension = ".tlog-proof";

    /// <summary>Creates a proof from its parts.</summary>
    public InclusionProofFile(long index, ImmutableArray<MerkleHash> proof, SignedNote checkpoint, ImmutableArray<byte> extra = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(checkpoint);
        Index = index;
        Proof = proof.IsDefault ? [] : proof;
        Checkpoint = checkpoint;
        Extra = extra.IsDefault ? [] : extra;
    }

    /// <summary>The zero-based index of the entry in the log.</summary>
    public long Index { get; }

    /// <summary>The inclusion proof, from the leaf's sibling up to the root's child.</summary>
    public ImmutableArray<MerkleHash> Proof { get; }

    /// <summary>The checkpoint as signed by the log, with any witness cosignatures.</summary>
    public SignedNote Checkpoint { get; }

    /// <summary>Opaque application data; not authenticated, so never trusted implicitly. Empty when absent.</summary>
    public ImmutableArray<byte> Extra { get; }

    /// <summary>Builds the proof for entry <paramref name="index"/> from a node source and a checkpoint covering it.</summary>
    public static InclusionProofFile Create(IMerkleNodeSource source, long index, SignedNote checkpoint, ImmutableArray<byte> extra = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var body = Notes.Checkpoint.Parse(checkpoint.Text);
        return new InclusionProofFile(index, MerkleProofs.Inclusion(source, index, body.Size), checkpoint, extra);
    }

    /// <summary>Proofs are equal when index, hashes, checkpoint and extra data are equal.</summary>
    public bool Equals(InclusionProofFile? other) =>
        other is not null && Index == other.Index && Proof.SequenceEqual(other.Proof) && Checkpoint == other.Checkpoint
        && Extra.AsSpan().SequenceEqual(other.Extra.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Proof.Length, Checkpoint);

    /// <summary>The proof as text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Header).Append('\n');
        if (Extra.Length > 0)
        {
            sb.Append("extra ").Append(Convert.ToBase64String(Extra.AsSpan())).Append('\n');
        }

        sb.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            sb.Append(hash.ToBase64()).Append('\n');
        }

        return sb.Append('\n').Append(Checkpoint).ToString();
    }

    /// <summary>Parses a proof; throws <see cref="RecordFormatException"/> naming the line that is wrong.</summary>
    public static InclusionProofFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new RecordFormatException(RecordMessages.ProofNoBlankLine);
        }

        var lines = text[..split].Split('\n');
        if (lines[0] != Header)
        {
            throw new RecordFormatException(RecordMessages.ProofHeader(lines[0]));
        }

        var i = 1;
        ImmutableArray<byte> extra = [];
        if (i < lines.Length && lines[i].StartsWith("extra ", StringComparison.Ordinal))
        {
            try
            {
                extra = [.. Convert.FromBase64String(lines[i]["extra ".Length..])];
            }
            catch (FormatException)
            {
                throw new RecordFormatException(RecordMessages.ProofLine(i + 1, "extra data is not base64"));
            }

            i++;
        }

        if (i >= lines.Length || !lines[i].StartsWith("index ", StringComparison.Ordinal))
        {
            throw new RecordFormatException(RecordMessages.ProofLine(i + 1, "expected 'index <n>'"));
        }

        var indexText = lines[i]["index ".Length..];
        if (indexText.Length == 0 || (indexText.Length > 1 && indexText[0] == '0') || !indexText.All(char.IsAsciiDigit)
            || !long.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new RecordFormatException(RecordMessages.ProofLine(i + 1, "the index must be a decimal without leading zeros"));
        }

        var proof = ImmutableArray.CreateBuilder<MerkleHash>();
        for (i++; i < lines.Length; i++)
        {
            if (!MerkleHash.TryFromBase64(lines[i], out var hash))
            {
                throw new RecordFormatException(RecordMessages.ProofLine(i + 1, "expected the base64 of a 32-byte hash"));
            }

            proof.Add(hash);
        }

        return new InclusionProofFile(index, proof.ToImmutable(), SignedNote.Parse(text[(split + 2)..]), extra);
    }

    /// <summary>
    /// Verifies offline that <paramref name="entry"/> is entry <see cref="Index"/> of the log <paramref name="origin"/>: the checkpoint
    /// is signed by one of <paramref name="logKeys"/>, cosigned by at least <paramref name="witnessQuorum"/> distinct keys among
    /// <paramref name="witnessKeys"/>, and the inclusion proof leads from the entry's leaf hash to the checkpoint's root.
    /// </summary>
    public ProofCheck Verify(
        ReadOnlySpan<byte> entry,
        string origin,
        IEnumerable<VerifierKey> logKeys,
        IEnumerable<VerifierKey>? witnessKeys = null,
        int witnessQuorum = 0)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(logKeys);
        Checkpoint body;
        try
        {
            body = Notes.Checkpoint.Parse(Checkpoint.Text);
        }
        catch (RecordFormatException e)
        {
            return ProofCheck.Failed(e.Message);
        }

        if (body.Origin != origin)
        {
            return ProofCheck.Failed(RecordMessages.ProofOrigin(body.Origin, origin));
        }

        var logs = logKeys.Where(k => k.Type == SignatureType.Ed25519).ToList();
        var witnesses = (witnessKeys ?? []).ToList();
        var verification = Checkpoint.Verify([.. logs, .. witnesses]);
        if (!verification.IsVerified)
        {
            return ProofCheck.Failed(verification.Error!);
        }

        if (!verification.VerifiedSignatures.Any(v => logs.Contains(v.Key)))
        {
            return ProofCheck.Failed(RecordMessages.ProofNoLogSignature(origin));
        }

        var cosigners = verification.VerifiedSignatures.Where(v => witnesses.Contains(v.Key)).Select(v => v.Key).Distinct().Count();
        if (cosigners < witnessQuorum)
        {
            return ProofCheck.Failed(RecordMessages.ProofQuorum(cosigners, witnessQuorum));
        }

        if (!MerkleProofs.VerifyInclusion(Index, body.Size, RecordHashing.LeafHash(entry), Proof, body.RootHash))
        {
            return ProofCheck.Failed(RecordMessages.ProofInclusion(Index, body.Size));
        }

        return ProofCheck.Valid(body, cosigners);
    }
}
