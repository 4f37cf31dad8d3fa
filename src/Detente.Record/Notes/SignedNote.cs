using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using Detente.Record.Keys;

namespace Detente.Record.Notes;

/// <summary>
/// A C2SP signed note: text ending in '\n', a blank line, then signature lines. The text is separated from the
/// signatures at the last blank line. Parsing checks the shape; <see cref="Verify"/> checks signatures.
/// </summary>
public sealed record SignedNote
{
    /// <summary>The most signature lines accepted when parsing (C2SP asks verifiers to accept at least 16).</summary>
    public const int MaxSignatures = 100;

    private SignedNote(string text, ImmutableArray<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, ending in '\n'.</summary>
    public string Text { get; }

    /// <summary>The signature lines, in order.</summary>
    public ImmutableArray<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> with each key's Ed25519 note key (type 0x01).</summary>
    public static SignedNote Sign(string text, params SigningKey[] keys)
    {
        CheckText(text);
        ArgumentNullException.ThrowIfNull(keys);
        var bytes = Encoding.UTF8.GetBytes(text);
        var signatures = keys.Select(k => new NoteSignature(k.Name, k.NoteKey.Id, k.Sign(bytes)));
        return new SignedNote(text, [.. signatures]);
    }

    /// <summary>Returns a copy with <paramref name="signature"/> appended (e.g. a witness cosignature).</summary>
    public SignedNote WithSignature(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new SignedNote(Text, Signatures.Add(signature));
    }

    /// <summary>Parses a signed note from UTF-8 bytes; throws <see cref="RecordFormatException"/> with a position when malformed.</summary>
    public static SignedNote Parse(ReadOnlySpan<byte> utf8)
    {
        string note;
        try
        {
            note = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new RecordFormatException(RecordMessages.NoteNotUtf8, e.Index);
        }

        return Parse(note);
    }

    /// <summary>Parses a signed note; throws <see cref="RecordFormatException"/> when malformed.</summary>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        for (var i = 0; i < note.Length; i++)
        {
            if ((note[i] < 0x20 && note[i] != '\n') || (char.IsSurrogate(note[i]) && !IsPairAt(note, i)))
            {
                throw new RecordFormatException(RecordMessages.NoteControlCharacter, Encoding.UTF8.GetByteCount(note.AsSpan(0, i)));
            }

            if (char.IsHighSurrogate(note[i]))
            {
                i++;
            }
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new RecordFormatException(RecordMessages.NoteNoBlankLine);
        }

        var text = note[..(split + 1)];
        var rest = note[(split + 2)..];
        if (rest.Length == 0 || !rest.EndsWith('\n'))
        {
            throw new RecordFormatException(RecordMessages.NoteNoSignatures);
        }

        var lines = rest[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw new RecordFormatException(RecordMessages.NoteTooManySignatures(MaxSignatures));
        }

        var offset = Encoding.UTF8.GetByteCount(text) + 1;
        var signatures = ImmutableArray.CreateBuilder<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            signatures.Add(ParseSignatureLine(line, offset));
            offset += Encoding.UTF8.GetByteCount(line) + 1;
        }

        return new SignedNote(text, signatures.MoveToImmutable());
    }

    /// <summary>Parses one line <c>— name base64</c> (without its '\n'); <paramref name="offset"/> is used in error positions.</summary>
    public static NoteSignature ParseSignatureLine(string line, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith("\u2014 ", StringComparison.Ordinal))
        {
            throw new RecordFormatException(RecordMessages.NoteSignatureLine, offset);
        }

        var body = line[2..];
        var space = body.LastIndexOf(' ');
        if (space <= 0)
        {
            throw new RecordFormatException(RecordMessages.NoteSignatureLine, offset);
        }

        var name = body[..space];
        if (!KeyName.IsValid(name))
        {
            throw new RecordFormatException(RecordMessages.BadKeyName(name), offset);
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(body[(space + 1)..]);
        }
        catch (FormatException)
        {
            throw new RecordFormatException(RecordMessages.NoteSignatureBase64, offset);
        }

        if (blob.Length < 5)
        {
            throw new RecordFormatException(RecordMessages.NoteSignatureBase64, offset);
        }

        return new NoteSignature(name, new KeyId(BinaryPrimitives.ReadUInt32BigEndian(blob)), blob.AsSpan(4));
    }

    /// <summary>
    /// Checks the signatures against <paramref name="knownKeys"/> as signed-note requires: lines from unknown (name, id) pairs are
    /// ignored, a known key with a bad signature rejects the note, and at least one known key must have signed.
    /// </summary>
    public NoteVerification Verify(IEnumerable<VerifierKey> knownKeys)
    {
        ArgumentNullException.ThrowIfNull(knownKeys);
        var known = knownKeys.ToList();
        var text = Encoding.UTF8.GetBytes(Text);
        var verified = ImmutableArray.CreateBuilder<VerifiedSignature>();
        foreach (var signature in Signatures)
        {
            var key = known.Find(k => k.Name == signature.Name && k.Id == signature.KeyId);
            if (key is null)
            {
                continue;
            }

            if (!key.Verify(text, signature.Signature.AsSpan()))
            {
                return NoteVerification.Failed(RecordMessages.NoteBadSignature(key.Reference));
            }

            verified.Add(new VerifiedSignature(key, signature));
        }

        return verified.Count == 0
            ? NoteVerification.Failed(RecordMessages.NoteNoKnownSignature)
            : NoteVerification.Verified(verified.ToImmutable());
    }

    /// <summary>The whole note as text: the signed text, a blank line, and the signature lines.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Text).Append('\n');
        foreach (var s in Signatures)
        {
            sb.Append(s.ToLine());
        }

        return sb.ToString();
    }

    /// <summary>The whole note as UTF-8 bytes.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    /// <summary>Notes are equal when text and signatures are equal.</summary>
    public bool Equals(SignedNote? other) => other is not null && Text == other.Text && Signatures.SequenceEqual(other.Signatures);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Text, Signatures.Length);

    internal static void CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !text.EndsWith('\n') || text.Contains("\n\n", StringComparison.Ordinal)
            || text.Any(c => c < 0x20 && c != '\n'))
        {
            throw new ArgumentException(RecordMessages.NoteTextShape, nameof(text));
        }
    }

    private static bool IsPairAt(string s, int i) =>
        char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
}
