using System.Text.Json;
using Detente.Record.Merkle;

namespace Detente.Record.Tests.Merkle;

/// <summary>The RFC 6962 tree against transparency-dev/merkle's data, kept in Data/peer-vectors/rfc6962-merkle.</summary>
public sealed class MerklePeerVectorTests
{
    public static TheoryData<string> InclusionCases() => Cases("inclusion");

    public static TheoryData<string> ConsistencyCases() => Cases("consistency");

    [Fact]
    public void PeerVectors_Present_WithAllCaseFiles()
    {
        // 98 + 98 at transparency-dev/merkle 417fb0c3; the subtree* folders are for ML-DSA subtree cosignatures, not used here.
        Assert.True(Cases("inclusion").Count >= 98);
        Assert.True(Cases("consistency").Count >= 98);
    }

    [Fact]
    public void RootHash_TreeConstants_MatchEverySize()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PeerVectors.PathTo("rfc6962-merkle", "tree-constants.json")));
        var leaves = doc.RootElement.GetProperty("leafInputsHex").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!)).ToArray();
        var roots = doc.RootElement.GetProperty("rootHashesHexBySize").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var tree = MerkleTree.FromEntries(leaves);
        for (var size = 0; size < roots.Length; size++)
        {
            Assert.Equal(roots[size], tree.RootHash(size).ToHex());
        }
    }

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void VerifyInclusion_PeerCase_AgreesWithWantErr(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PeerVectors.PathTo("rfc6962-merkle", "testdata", file)));
        var c = doc.RootElement;
        var wantErr = c.GetProperty("wantErr").GetBoolean();
        var proofBytes = ReadList(c.GetProperty("proof"));
        var leaf = ReadBytes(c.GetProperty("leafHash"));
        var root = ReadBytes(c.GetProperty("root"));

        // Our API types hashes as 32 bytes; a vector value of another length can only be an error case.
        if (leaf.Length != 32 || root.Length != 32 || proofBytes.Any(p => p.Length != 32))
        {
            Assert.True(wantErr, $"{file}: a non-32-byte hash should be an error case");
            return;
        }

        // Indices are uint64 in the vectors; values beyond long.MaxValue (e.g. 0 - 1) cannot be a leaf of any tree.
        var index = c.GetProperty("leafIdx").GetUInt64();
        var size = c.GetProperty("treeSize").GetUInt64();
        if (index > long.MaxValue || size > long.MaxValue)
        {
            Assert.True(wantErr, file);
            return;
        }

        var ok = MerkleProofs.VerifyInclusion(
            (long)index,
            (long)size,
            new MerkleHash(leaf),
            proofBytes.Select(p => new MerkleHash(p)).ToArray(),
            new MerkleHash(root));
        Assert.Equal(!wantErr, ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void VerifyConsistency_PeerCase_AgreesWithWantErr(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PeerVectors.PathTo("rfc6962-merkle", "testdata", file)));
        var c = doc.RootElement;
        var wantErr = c.GetProperty("wantErr").GetBoolean();
        var proofBytes = ReadList(c.GetProperty("proof"));
        var root1 = ReadBytes(c.GetProperty("root1"));
        var root2 = ReadBytes(c.GetProperty("root2"));
        var size1 = c.GetProperty("size1").GetInt64();
        var size2 = c.GetProperty("size2").GetInt64();

        if (root1.Length != 32 || root2.Length != 32 || proofBytes.Any(p => p.Length != 32))
        {
            // transparency-dev accepts equal sizes with byte-equal roots of any length ("don't care" values); our hashes are
            // 32 bytes, so we check the same decision with a stand-in hash for the byte-equal roots.
            if (!wantErr)
            {
                Assert.True(size1 == size2 && size1 > 0 && proofBytes.Count == 0 && root1.AsSpan().SequenceEqual(root2), file);
                var standIn = MerkleHash.Empty;
                Assert.True(MerkleProofs.VerifyConsistency(size1, size2, standIn, standIn, []));
            }

            return;
        }

        var ok = MerkleProofs.VerifyConsistency(
            size1, size2, new MerkleHash(root1), new MerkleHash(root2), proofBytes.Select(p => new MerkleHash(p)).ToArray());
        Assert.Equal(!wantErr, ok);
    }

    [Fact]
    public void Proofs_GeneratedForConstantsTree_MatchPeerHappyPaths()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PeerVectors.PathTo("rfc6962-merkle", "tree-constants.json")));
        var leaves = doc.RootElement.GetProperty("leafInputsHex").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!)).ToArray();
        var tree = MerkleTree.FromEntries(leaves);
        var checkedCount = 0;
        foreach (var file in Directory.EnumerateFiles(PeerVectors.PathTo("rfc6962-merkle", "testdata", "inclusion"), "happy-path.json", SearchOption.AllDirectories))
        {
            using var c = JsonDocument.Parse(File.ReadAllText(file));
            var e = c.RootElement;
            var size = e.GetProperty("treeSize").GetInt64();
            if (size > tree.Size || MerkleHash.FromBase64(e.GetProperty("root").GetString()!) != tree.RootHash(size))
            {
                continue;
            }

            var proof = MerkleProofs.Inclusion(tree, e.GetProperty("leafIdx").GetInt64(), size);
            Assert.Equal(ReadList(e.GetProperty("proof")).Select(Convert.ToBase64String), proof.Select(p => p.ToBase64()));
            checkedCount++;
        }

        foreach (var file in Directory.EnumerateFiles(PeerVectors.PathTo("rfc6962-merkle", "testdata", "consistency"), "happy-path.json", SearchOption.AllDirectories))
        {
            using var c = JsonDocument.Parse(File.ReadAllText(file));
            var e = c.RootElement;
            var size2 = e.GetProperty("size2").GetInt64();
            if (size2 > tree.Size || MerkleHash.FromBase64(e.GetProperty("root2").GetString()!) != tree.RootHash(size2))
            {
                continue;
            }

            var proof = MerkleProofs.Consistency(tree, e.GetProperty("size1").GetInt64(), size2);
            Assert.Equal(ReadList(e.GetProperty("proof")).Select(Convert.ToBase64String), proof.Select(p => p.ToBase64()));
            checkedCount++;
        }

        Assert.True(checkedCount >= 4, $"only {checkedCount} happy paths were over the constants tree");
    }

    private static TheoryData<string> Cases(string kind)
    {
        var root = PeerVectors.PathTo("rfc6962-merkle", "testdata");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    private static byte[] ReadBytes(JsonElement e) => e.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(e.GetString()!);

    private static List<byte[]> ReadList(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? [] : e.EnumerateArray().Select(ReadBytes).ToList();
}
