using System.Text;
using Detente.Record.Keys;
using Detente.Record.Notes;

namespace Detente.Record.Tests.Notes;

/// <summary>The vectors of transparency-log.md §1.1 and §1.6, produced by Go x/mod and independent cosignature code.</summary>
public sealed class InteropVectorTests
{
    private const string LogVkey = "example.org/test-log+4b5177e6+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    private const string WitnessVkey = "witness.example.org/w1+f3c080b6+BCmsuuFBvMrwsi4alNNNC8c2HlJtC/4SyJeUvJMilm3X";
    private const string CheckpointText = "example.org/test-log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n";
    private const string LogLine =
        "— example.org/test-log S1F35kVq+SBCUUrbwOdLU26FCfdvKIN9bAEQGNg0oaN26+mTkbHzjDAT5G4rO861gzCHNgcq/Y2Vyd33refSpg/kbQ4=\n";
    private const string WitnessLine =
        "— witness.example.org/w1 88CAtgAAAABlU/EAv8d/G+6JVH/XwVSVWDVWkioZwMRHUWZrbTbeFYtkzUUGQfkVy7jz5Av8yCvV2ny0rBTzQcmwvAAsjEU0vHxkAg==\n";

    private static byte[] Seed(int first) => Enumerable.Range(first, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void VerifierKey_FromSeed00To1F_EqualsGoVkeyByteForByte()
    {
        using var log = SigningKey.FromSeed("example.org/test-log", Seed(0x00));
        Assert.Equal(LogVkey, log.NoteKey.ToString());
    }

    [Fact]
    public void CosignerKey_FromSeed20To3F_EqualsWitnessVkeyByteForByte()
    {
        using var witness = SigningKey.FromSeed("witness.example.org/w1", Seed(0x20));
        Assert.Equal(WitnessVkey, witness.CosignerKey.ToString());
        Assert.Equal(0xf3c080b6u, witness.CosignerKey.Id.Value);
    }

    [Fact]
    public void CheckpointSignature_SignedHere_EqualsGoNoteSignByteForByte()
    {
        using var log = SigningKey.FromSeed("example.org/test-log", Seed(0x00));
        var note = Checkpoint.Parse(CheckpointText).Sign(log);
        Assert.Equal(CheckpointText + "\n" + LogLine, note.ToString());
    }

    [Fact]
    public void Cosignature_SignedHereAtTime1700000000_EqualsVectorByteForByte()
    {
        using var witness = SigningKey.FromSeed("witness.example.org/w1", Seed(0x20));
        var line = Cosignature.Sign(witness, CheckpointText, 1700000000).ToLine();
        Assert.Equal(WitnessLine, line);
    }

    [Fact]
    public void Verify_CosignedCheckpoint_AcceptsLogAndWitness()
    {
        var note = SignedNote.Parse(Encoding.UTF8.GetBytes(CheckpointText + "\n" + LogLine + WitnessLine));
        var result = note.Verify([VerifierKey.Parse(LogVkey), VerifierKey.Parse(WitnessVkey)]);
        Assert.True(result.IsVerified, result.Error);
        Assert.Equal(2, result.VerifiedSignatures.Length);
        Assert.Equal(1700000000UL, result.VerifiedSignatures[1].Signature.CosignatureTime);
        var checkpoint = Checkpoint.Parse(note.Text);
        Assert.Equal(8, checkpoint.Size);
        Assert.Equal("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", checkpoint.RootHash.ToHex());
    }

    [Fact]
    public void Verify_SignedNoteSpecExample_Opens()
    {
        const string vkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
        const string text = "This is an example message.\n\n— example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
        var result = SignedNote.Parse(text).Verify([VerifierKey.Parse(vkey)]);
        Assert.True(result.IsVerified, result.Error);
    }

    // Bad inputs tried: a flipped bit in the root line, only an unknown key, a timestamp changed in the cosignature.
    [Fact]
    public void Verify_TamperedCheckpointText_RejectsKnownKey()
    {
        var tampered = CheckpointText.Replace("Xcna", "Xcnb", StringComparison.Ordinal);
        var result = SignedNote.Parse(tampered + "\n" + LogLine).Verify([VerifierKey.Parse(LogVkey)]);
        Assert.False(result.IsVerified);
        Assert.Contains("does not verify", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OnlyUnknownKeys_Rejects()
    {
        var result = SignedNote.Parse(CheckpointText + "\n" + WitnessLine).Verify([VerifierKey.Parse(LogVkey)]);
        Assert.False(result.IsVerified);
        Assert.Contains("no signature from a known key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CosignatureWithChangedTimestamp_Rejects()
    {
        var blob = Convert.FromBase64String(WitnessLine.Split(' ')[2].TrimEnd('\n'));
        blob[11] ^= 1; // lowest byte of the u64 timestamp
        var line = $"— witness.example.org/w1 {Convert.ToBase64String(blob)}\n";
        var result = SignedNote.Parse(CheckpointText + "\n" + line).Verify([VerifierKey.Parse(WitnessVkey)]);
        Assert.False(result.IsVerified);
    }

    [Fact]
    public void CheckpointParse_GoSumdbOriginWithSpaces_Accepted()
    {
        var c = Checkpoint.Parse("go.sum database tree\n31057254\nE3SNBlkVFo7EDl0bA2GCE2Hh6NNt0ndzOC4TGPi2OFI=\n");
        Assert.Equal("go.sum database tree", c.Origin);
        Assert.Equal(31057254, c.Size);
    }

    // Bad inputs tried: size with a leading zero, a negative size, a root of 31 bytes, a missing root line, an empty extension line.
    [Theory]
    [InlineData("o\n08\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o\n8\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuA==\n")]
    [InlineData("o\n8\n")]
    [InlineData("o\n8\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n")]
    public void CheckpointParse_Malformed_Rejected(string text)
    {
        Assert.Throws<RecordFormatException>(() => Checkpoint.Parse(text));
    }
}
