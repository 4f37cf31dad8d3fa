using System.Collections.Immutable;
using System.Text;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Tiles;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Detente.Record.Tests.Notes;

/// <summary>parse ∘ print is the identity for every text format of the record.</summary>
public sealed class FormatRoundTripProperties
{
    private static readonly Gen<MerkleHash> Hashes = Gen.Choose(0, int.MaxValue).Select(i => RecordHashing.LeafHash(BitConverter.GetBytes(i)));

    [Property(MaxTest = 200)]
    public Property TileId_ParseOfPath_IsIdentity()
    {
        var gen = from level in Gen.Choose(0, 63)
                  from high in Gen.Choose(0, int.MaxValue)
                  from low in Gen.Choose(0, 999_999)
                  let index = (high % 3 == 0 ? 0L : high * 1_000_000L) + low
                  from width in Gen.Choose(1, 256)
                  from entries in ArbMap.Default.GeneratorFor<bool>()
                  select new TileId(entries ? 0 : level, index, width, entries);
        return Prop.ForAll(gen.ToArbitrary(), tile => TileId.Parse(tile.Path) == tile);
    }

    [Property(MaxTest = 100)]
    public Property Checkpoint_ParseOfText_IsIdentity()
    {
        var gen = from size in Gen.Choose(0, int.MaxValue)
                  from root in Hashes
                  from ext in Gen.Elements("", "x-ext value", "\u2014 not a signature")
                  select new Checkpoint("example.org/log", size, root, ext.Length == 0 ? [] : [ext]);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var back = Checkpoint.Parse(c.ToText());
            return back.ToText() == c.ToText() && back.RootHash == c.RootHash && back.Size == c.Size;
        });
    }

    [Property(MaxTest = 50)]
    public Property SignedNoteAndProofFile_ParseOfText_IsIdentity()
    {
        var gen = from size in Gen.Choose(1, 5000)
                  from index in Gen.Choose(0, size - 1)
                  from extra in Gen.Choose(0, 3).Select(n => Enumerable.Range(0, n).Select(i => (byte)i).ToImmutableArray())
                  from proof in Gen.Choose(0, 12).SelectMany(n => Hashes.ListOf(n))
                  select (size, index, extra, proof);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            using var key = Some.LogKey();
            var note = new Checkpoint(key.Name, t.size, RecordHashing.LeafHash(Encoding.ASCII.GetBytes($"{t.size}"))).Sign(key);
            var file = new InclusionProofFile(t.index, [.. t.proof], note, t.extra);
            return SignedNote.Parse(note.ToString()) == note && InclusionProofFile.Parse(file.ToString()) == file;
        });
    }
}
