using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Record.Witness;

/// <summary>
/// The body of a C2SP tlog-witness <c>add-checkpoint</c> request: <c>old &lt;size&gt;</c>, up to 63 base64 consistency-proof lines,
/// an empty line, then the signed checkpoint.
/// </summary>
public sealed record AddCheckpointRequest
{
    /// <summary>The most proof lines a request may carry.</summary>
    public const int MaxProofLines = 63;

    /// <summary>Creates a request.</summary>
    public AddCheckpointRequest(long oldSize, ImmutableArray<MerkleHash> proof, SignedNote checkpoint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var p = proof.IsDefault ? [] : proof;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p.Length, MaxProofLines, nameof(proof));
        OldSize = oldSize;
        Proof = p;
        Checkpoint = checkpoint;
    }

    /// <summary>The size of the latest checkpoint the client believes the witness cosigned (0 for none).</summary>
    public long OldSize { get; }

    /// <summary>The consistency proof from <see cref="OldSize"/> to the checkpoint's size.</summary>
    public ImmutableArray<MerkleHash> Proof { get; }

    /// <summary>The signed checkpoint.</summary>
    public SignedNote Checkpoint { get; }

    /// <summary>Requests are equal when old size, proof and checkpoint are equal.</summary>
    public bool Equals(AddCheckpointRequest? other) =>
        other is not null && OldSize == other.OldSize && Proof.SequenceEqual(other.Proof) && Checkpoint == other.Checkpoint;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(OldSize, Proof.Length, Checkpoint);

    /// <summary>The request body as text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            sb.Append(hash.ToBase64()).Append('\n');
        }

        return sb.Append('\n').Append(Checkpoint).ToString();
    }

    /// <summary>Parses a request body; throws <see cref="RecordFormatException"/> when malformed (the witness answers 400).</summary>
    public static AddCheckpointRequest Parse(ReadOnlySpan<byte> body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException e)
        {
            throw new RecordFormatException(RecordMessages.NoteNotUtf8, e.Index);
        }

        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new RecordFormatException(RecordMessages.WitnessRequestShape);
        }

        var lines = text[..split].Split('\n');
        var old = lines[0];
        if (!old.StartsWith("old ", StringComparison.Ordinal))
        {
            throw new RecordFormatException(RecordMessages.WitnessRequestShape);
        }

        var sizeText = old[4..];
        if (sizeText.Length == 0 || (sizeText.Length > 1 && sizeText[0] == '0') || !sizeText.All(char.IsAsciiDigit)
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var oldSize))
        {
            throw new RecordFormatException(RecordMessages.CheckpointSize(sizeText));
        }

        if (lines.Length - 1 > MaxProofLines)
        {
            throw new RecordFormatException(RecordMessages.WitnessTooManyProofLines(MaxProofLines));
        }

        var proof = ImmutableArray.CreateBuilder<MerkleHash>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            proof.Add(MerkleHash.FromBase64(line));
        }

        return new AddCheckpointRequest(oldSize, proof.MoveToImmutable(), SignedNote.Parse(text[(split + 2)..]));
    }
}
