using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;

namespace Detente.Record.Notes;

/// <summary>
/// What the log key signs beside each checkpoint so that no signed checkpoint and no key enrolment can be removed or moved unnoticed:
/// how many checkpoints the log has signed up to this one, a hash chain over their texts, and a digest of the keys enrolled from
/// outside for the entries the checkpoint covers. A checkpoint alone says nothing of the checkpoints before it, nor of when a key
/// was enrolled; this note does. Its first line is not an origin and its second no tree size, so it never parses as a checkpoint.
/// </summary>
/// <param name="Origin">The log's origin (the log key's name).</param>
/// <param name="Count">How many checkpoints the log has signed, this one included.</param>
/// <param name="Chain">The hash chain over the checkpoints' texts in size order: <see cref="Extend"/> from <see cref="Empty"/>.</param>
/// <param name="Enrolments">The digest of the enrolments that apply to the covered entries (<see cref="EnrolmentDigest"/>).</param>
public sealed record CheckpointHistory(string Origin, long Count, MerkleHash Chain, MerkleHash Enrolments)
{
    /// <summary>The first line of every history note.</summary>
    public const string Header = "detente checkpoint history v1";

    /// <summary>The chain before any checkpoint: 32 zero bytes.</summary>
    public static MerkleHash Empty { get; } = new(new byte[MerkleHash.Length]);

    /// <summary>The chain after one more checkpoint: <c>SHA-256(chain || checkpoint text)</c>. Cosignatures do not change it.</summary>
    public static MerkleHash Extend(MerkleHash chain, string checkpointText)
    {
        ArgumentNullException.ThrowIfNull(checkpointText);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(chain.ToArray());
        sha.AppendData(Encoding.UTF8.GetBytes(checkpointText));
        return new MerkleHash(sha.GetHashAndReset());
    }

    /// <summary>
    /// The digest of enrolments — one line <c>position ref party vkey</c> each, ordered by position then reference — of which the caller
    /// passes those with a position below the checkpoint's size: once the checkpoint is signed, that set can no longer change honestly
    /// (a later enrolment takes a position at or beyond every entry then accepted).
    /// </summary>
    public static MerkleHash EnrolmentDigest(IEnumerable<(long Position, string Reference, string Party, string Key)> enrolments)
    {
        ArgumentNullException.ThrowIfNull(enrolments);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (position, reference, party, key) in enrolments.OrderBy(e => e.Position).ThenBy(e => e.Reference, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{position.ToString(CultureInfo.InvariantCulture)} {reference} {party} {key}\n"));
        }

        return new MerkleHash(sha.GetHashAndReset());
    }

    /// <summary>The note text: header, origin, count, chain and enrolment digest, one per line.</summary>
    public string ToText() =>
        $"{Header}\norigin {Origin}\ncheckpoints {Count.ToString(CultureInfo.InvariantCulture)}\nchain {Chain.ToBase64()}\nenrolments {Enrolments.ToBase64()}\n";

    /// <summary>Signs the history with the log key.</summary>
    public SignedNote Sign(SigningKey logKey) => SignedNote.Sign(ToText(), logKey);

    /// <summary>Parses a history note's text; throws <see cref="RecordFormatException"/> when it is not one.</summary>
    public static CheckpointHistory Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : [];
        if (lines.Length != 5 || lines[0] != Header || !lines[1].StartsWith("origin ", StringComparison.Ordinal)
            || !lines[2].StartsWith("checkpoints ", StringComparison.Ordinal)
            || !long.TryParse(lines[2]["checkpoints ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !lines[3].StartsWith("chain ", StringComparison.Ordinal) || !MerkleHash.TryFromBase64(lines[3]["chain ".Length..], out var chain)
            || !lines[4].StartsWith("enrolments ", StringComparison.Ordinal)
            || !MerkleHash.TryFromBase64(lines[4]["enrolments ".Length..], out var enrolments))
        {
            throw new RecordFormatException(RecordMessages.HistoryShape);
        }

        return new CheckpointHistory(lines[1]["origin ".Length..], count, chain, enrolments);
    }
}
