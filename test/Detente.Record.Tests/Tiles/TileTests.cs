using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Tiles;

namespace Detente.Record.Tests.Tiles;

public sealed class TileTests
{
    [Theory]
    [InlineData(0L, "000")]
    [InlineData(7L, "007")]
    [InlineData(999L, "999")]
    [InlineData(1000L, "x001/000")]
    [InlineData(1234067L, "x001/x234/067")]
    public void FormatIndex_GroupsOfThree_WithXPrefix(long n, string expected)
    {
        Assert.Equal(expected, TileId.FormatIndex(n));
    }

    [Fact]
    public void Path_HashEntriesAndPartial_MatchTlogTiles()
    {
        Assert.Equal("tile/0/x001/x234/067", new TileId(0, 1234067, 256).Path);
        Assert.Equal("tile/2/x001/x234/067.p/8", new TileId(2, 1234067, 8).Path);
        Assert.Equal("tile/entries/x001/x234/067.p/255", new TileId(0, 1234067, 255, IsEntries: true).Path);
        foreach (var path in new[] { "tile/0/x001/x234/067", "tile/2/x001/x234/067.p/8", "tile/entries/000.p/1", "tile/63/999" })
        {
            Assert.Equal(path, TileId.Parse(path).Path);
        }
    }

    // Bad inputs tried: missing x prefix, x on the last group, width 0 and 256 in a partial, 2-digit group, level 64, leading zero level.
    [Theory]
    [InlineData("tile/0/001/067")]
    [InlineData("tile/0/x067")]
    [InlineData("tile/0/067.p/0")]
    [InlineData("tile/0/067.p/256")]
    [InlineData("tile/0/67")]
    [InlineData("tile/64/000")]
    [InlineData("tile/01/000")]
    [InlineData("tiles/0/000")]
    public void Parse_MalformedPath_Rejected(string path)
    {
        Assert.Throws<RecordFormatException>(() => TileId.Parse(path));
    }

    [Fact]
    public void HashTiles_Size70000_MatchSpecExample()
    {
        var tiles = TileLayout.HashTiles(70_000).ToList();
        Assert.Equal(273, tiles.Count(t => t.Level == 0 && !t.IsPartial));
        Assert.Equal(112, tiles.Single(t => t.Level == 0 && t.IsPartial).Width);
        Assert.Equal(1, tiles.Count(t => t.Level == 1 && !t.IsPartial));
        Assert.Equal(17, tiles.Single(t => t.Level == 1 && t.IsPartial).Width);
        Assert.Equal(1, tiles.Single(t => t.Level == 2).Width);
        Assert.DoesNotContain(tiles, t => t.Level > 2);
        Assert.Empty(TileLayout.HashTiles(0));
    }

    [Fact]
    public void EntryBundle_RoundTrips_WithUint16Prefix()
    {
        var log = Log(3);
        var bytes = TileLayout.EntryBundleBytes(log, new TileId(0, 0, 3, IsEntries: true));
        Assert.Equal(0, bytes[0]);
        Assert.Equal(log.Entry(0).Length, bytes[1]);
        var entries = TileLayout.ReadEntryBundle(bytes);
        Assert.Equal(log.Entry(2), entries[2]);
        Assert.Throws<RecordFormatException>(() => TileLayout.ReadEntryBundle(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void ExportThenVerify_600Entries_Valid_AndProofsFromTilesMatch()
    {
        using var dir = new TempDirectory();
        using var logKey = Some.LogKey();
        var log = Log(600);
        var note = new Checkpoint(logKey.Name, 600, log.RootHash(600)).Sign(logKey);
        TileDirectory.Export(dir.Path, log, note);

        Assert.True(File.Exists(Path.Combine(dir.Path, "tile/0/000")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "tile/0/002.p/88")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "tile/1/000.p/2")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "tile/entries/002.p/88")));
        var report = TileDirectory.Verify(dir.Path, [logKey.NoteKey]);
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(600, report.EntriesChecked);

        var tiles = TileDirectory.Open(dir.Path);
        Assert.Equal(log.RootHash(600), MerkleProofs.RootHash(tiles, 600));
        Assert.Equal(MerkleProofs.Inclusion(log, 517, 600).ToArray(), MerkleProofs.Inclusion(tiles, 517, 600).ToArray());
        Assert.Equal(MerkleProofs.Consistency(log, 300, 600).ToArray(), MerkleProofs.Consistency(tiles, 300, 600).ToArray());
        Assert.Equal(log.Entry(599), tiles.Entry(599));
    }

    [Fact]
    public void Export_RoundsOfManyBundles_LeavesOnlyTheFinalFiles()
    {
        // 64 bundles a round: 70 bundles make two rounds, each committed (flushed, then renamed) on its own.
        using var dir = new TempDirectory();
        using var logKey = Some.LogKey();
        var log = Log((69 * 256) + 3);
        var written = TileDirectory.Export(dir.Path, log, new Checkpoint(logKey.Name, log.Size, log.RootHash(log.Size)).Sign(logKey));

        var files = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(files, f => f.Contains(".tmp-", StringComparison.Ordinal));
        Assert.Equal(written, files.Length);
        Assert.True(TileDirectory.Verify(dir.Path, [logKey.NoteKey]).IsValid);
    }

    [Fact]
    public void Export_Grown_ReplacesPartialsAndKeepsFullTiles()
    {
        using var dir = new TempDirectory();
        using var logKey = Some.LogKey();
        var log = Log(300);
        TileDirectory.Export(dir.Path, log, new Checkpoint(logKey.Name, 300, log.RootHash(300)).Sign(logKey));
        for (var i = 300; i < 520; i++)
        {
            log.Append(Some.Entry(i));
        }

        TileDirectory.Export(dir.Path, log, new Checkpoint(logKey.Name, 520, log.RootHash(520)).Sign(logKey));
        Assert.True(TileDirectory.Verify(dir.Path, [logKey.NoteKey]).IsValid);
    }

    [Fact]
    public void Verify_PartialsDeletedAfterFullTilesExist_ReadsFullTilePrefixes()
    {
        using var dir = new TempDirectory();
        using var logKey = Some.LogKey();
        var log = Log(300);
        var older = new Checkpoint(logKey.Name, 200, log.RootHash(200)).Sign(logKey);
        TileDirectory.Export(dir.Path, log, new Checkpoint(logKey.Name, 300, log.RootHash(300)).Sign(logKey));

        // Serve the older checkpoint: its partial tiles (width 200) were never written, only the full tiles exist.
        File.WriteAllBytes(Path.Combine(dir.Path, TileDirectory.CheckpointFile), older.ToBytes());
        var report = TileDirectory.Verify(dir.Path, [logKey.NoteKey]);
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(200, report.EntriesChecked);
        Assert.Equal(log.Entry(199), TileDirectory.Open(dir.Path).Entry(199));
    }

    // Bad inputs tried: one changed byte in an entry bundle, in a hash tile, a deleted tile, a checkpoint signed by another key.
    [Fact]
    public void Verify_TamperedEntryByte_ReportsEntryIndex()
    {
        using var dir = new TempDirectory();
        using var logKey = Some.LogKey();
        var log = Log(300);
        TileDirectory.Export(dir.Path, log, new Checkpoint(logKey.Name, 300, log.RootHash(300)).Sign(logKey));
        var bundle = Path.Combine(dir.Path, "tile/entries/000");
        var bytes = File.ReadAllBytes(bundle);
        var offsetOfEntry5 = Enumerable.Range(0, 5).Sum(i => 2 + log.Entry(i).Length);
        bytes[offsetOfEntry5 + 2 + 3] ^= 0x01;
        File.WriteAllBytes(bundle, bytes);

        var report = TileDirectory.Verify(dir.Path, [logKey.NoteKey]);
        Assert.False(report.IsValid);
        Assert.Equal(5, report.EntryIndex);
        Assert.Equal("tile/0/000", report.Resource);
        Assert.Equal(5 * MerkleHash.Length, report.ByteOffset);
    }

    [Fact]
    public void Verify_TamperedHashTile_ReportsFileAndByte()
    {
        using var dir = new TempDirectory();
        using var logKey = Some.LogKey();
        var log = Log(70_000 / 100);
        TileDirectory.Export(dir.Path, log, new Checkpoint(logKey.Name, log.Size, log.RootHash(log.Size)).Sign(logKey));
        var tile = Path.Combine(dir.Path, "tile/1/000.p/2");
        var bytes = File.ReadAllBytes(tile);
        bytes[40] ^= 0x80;
        File.WriteAllBytes(tile, bytes);

        var report = TileDirectory.Verify(dir.Path, [logKey.NoteKey]);
        Assert.False(report.IsValid);
        Assert.Equal("tile/1/000.p/2", report.Resource);
        Assert.Equal(40, report.ByteOffset);
    }

    [Fact]
    public void Verify_MissingTileOrForeignKey_Invalid()
    {
        using var dir = new TempDirectory();
        using var logKey = Some.LogKey();
        using var other = Some.WitnessKey();
        var log = Log(10);
        TileDirectory.Export(dir.Path, log, new Checkpoint(logKey.Name, 10, log.RootHash(10)).Sign(logKey));
        Assert.False(TileDirectory.Verify(dir.Path, [other.NoteKey]).IsValid);
        File.Delete(Path.Combine(dir.Path, "tile/0/000.p/10"));
        var report = TileDirectory.Verify(dir.Path, [logKey.NoteKey]);
        Assert.False(report.IsValid);
        Assert.Equal("tile/0/000.p/10", report.Resource);
    }

    internal static MemoryLog Log(int size)
    {
        var log = new MemoryLog();
        for (var i = 0; i < size; i++)
        {
            log.Append(Some.Entry(i));
        }

        return log;
    }
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"detente-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
