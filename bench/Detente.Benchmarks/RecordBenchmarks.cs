using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Statements;
using Detente.Record.Tiles;

namespace Detente.Benchmarks;

/// <summary>The record's hot paths: statement signature checks, leaf hashing against raw SHA-256, and inclusion proofs.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class RecordBenchmarks
{
    private const int LogSize = 100_000;
    private SigningKey _key = null!;
    private VerifierKey _verifier = null!;
    private byte[] _message = [];
    private byte[] _signature = [];
    private byte[] _entry = [];
    private MemoryLog _log = null!;
    private MerkleHash _left;
    private MerkleHash _right;
    private long _index;

    [GlobalSetup]
    public void Setup()
    {
        _key = SigningKey.Demo("bench.detente.test");
        _verifier = _key.NoteKey;
        var statement = new Statement(StatementKind.Position, new PartyId("POL"), _key.NoteKey.Reference, 1,
            new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero),
            """{"issue":"intermediate-range-missiles","stance":"red-line","text":"No deployment of ground-launched systems of 500 to 5,500 km in Europe."}""");
        var signed = SignedStatement.Sign(statement, _key);
        _message = statement.SigningBytes();
        _signature = signed.Signature.ToArray();
        _entry = signed.Entry.ToArray();
        _log = new MemoryLog();
        for (var i = 0; i < LogSize; i++)
        {
            _log.Append(Encoding.ASCII.GetBytes($"entry {i}"));
        }

        _left = RecordHashing.LeafHash("left"u8);
        _right = RecordHashing.LeafHash("right"u8);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    /// <summary>One Ed25519 verification of a statement's signing bytes (NSec / libsodium).</summary>
    [Benchmark]
    public bool Ed25519Verify() => _verifier.Verify(_message, _signature);

    /// <summary>Raw SHA-256 of a signed statement entry, the floor for leaf hashing.</summary>
    [Benchmark(Baseline = true)]
    public byte[] RawSha256() => SHA256.HashData(_entry);

    /// <summary>RFC 6962 leaf hash SHA-256(0x00 || entry) of the same entry.</summary>
    [Benchmark]
    public MerkleHash LeafHash() => RecordHashing.LeafHash(_entry);

    /// <summary>RFC 6962 interior node hash SHA-256(0x01 || left || right).</summary>
    [Benchmark]
    public MerkleHash NodeHash() => RecordHashing.NodeHash(_left, _right);

    /// <summary>An inclusion proof in a 100,000-entry in-memory log (indices vary per call).</summary>
    [Benchmark]
    public int InclusionProof()
    {
        _index = (_index + 7919) % LogSize;
        return MerkleProofs.Inclusion(_log, _index, LogSize).Length;
    }
}
