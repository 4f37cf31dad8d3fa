using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Detente.Record.Keys;

namespace Detente.Record.Notes;

/// <summary>
/// C2SP <c>tlog-cosignature</c> v1 with Ed25519 (type 0x04): a witness signs <c>"cosignature/v1\ntime &lt;t&gt;\n"</c> followed by
/// the checkpoint text; the signature value is <c>u64 big-endian t || Ed25519 signature</c>.
/// </summary>
public static class Cosignature
{
    /// <summary>The bytes a cosigner signs for a note text at Unix time <paramref name="timestamp"/> (seconds).</summary>
    public static byte[] SignedMessage(ulong timestamp, ReadOnlySpan<byte> noteText)
    {
        var header = Encoding.ASCII.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n");
        var message = new byte[header.Length + noteText.Length];
        header.CopyTo(message, 0);
        noteText.CopyTo(message.AsSpan(header.Length));
        return message;
    }

    /// <summary>Cosigns a checkpoint text at Unix time <paramref name="timestamp"/>; the key id is computed with type 0x04.</summary>
    public static NoteSignature Sign(SigningKey witness, string checkpointText, ulong timestamp)
    {
        ArgumentNullException.ThrowIfNull(witness);
        SignedNote.CheckText(checkpointText);
        if (timestamp == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), RecordMessages.CosignatureTimeZero);
        }

        var signature = witness.Sign(SignedMessage(timestamp, Encoding.UTF8.GetBytes(checkpointText)));
        var value = new byte[8 + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(value, timestamp);
        signature.CopyTo(value, 8);
        return new NoteSignature(witness.Name, witness.CosignerKey.Id, value);
    }
}
