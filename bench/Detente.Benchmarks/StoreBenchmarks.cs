using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// The record store on SQLite (WAL, synchronous=FULL) and PostgreSQL (synchronous_commit=on): appending signed statements durably
/// against the Ed25519 verification bound on all cores measured in the same run, integration, proofs from storage, and
/// verification of the whole tree. PostgreSQL runs when DETENTE_BENCH_POSTGRES (or DETENTE_TEST_POSTGRES) holds a connection string.
/// Each figure is per statement or per proof (OperationsPerInvoke).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class StoreBenchmarks
{
    private const int Appends = 8192;
    private const int LogSize = 65_536;
    private const int Proofs = 100_000;
    private const int Parties = 16;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);

    private readonly List<SigningKey> _keys = [];
    private readonly List<PartyId> _parties = [];
    private readonly List<string> _cleanup = [];
    private byte[][] _fresh = [];
    private (byte[] Message, byte[] Signature, VerifierKey Key)[] _signatures = [];
    private IRecordStore? _store;
    private IRecordStore _full = null!;
    private SigningKey _logKey = null!;
    private long _proofIndex;
    private Record.Notes.SignedNote _checkpoint = null!;

    /// <summary>sqlite, and postgres when a server is configured.</summary>
    public static IEnumerable<string> Backends() => BenchStores.Backends();

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "sqlite";

    /// <summary>
    /// With the body rules (the product) or without (only to measure, in the same run, what the rules cost: the store's
    /// internal switch). Every statement passes them: the store first states the source and parties the observations name.
    /// </summary>
    [ParamsAllValues]
    public bool BodyRules { get; set; } = true;


    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Parties; i++)
        {
            _parties.Add(new PartyId($"P{i:D2}"));
            _keys.Add(SigningKey.Demo($"bench.detente.test/P{i:D2}"));
        }

        _logKey = SigningKey.Demo("bench.detente.test/demo");
        _full = NewStore();
        var entries = Sign(LogSize, 1);
        foreach (var chunk in entries.Chunk(1024))
        {
            _full.AppendBatch(chunk, Now);
        }

        while (_full.Integrate(8192).Count > 0)
        {
        }

        _checkpoint = _full.Checkpoint(_logKey);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        _full.Dispose();
        _keys.ForEach(k => k.Dispose());
        _logKey.Dispose();
        foreach (var path in _cleanup)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private IRecordStore NewStore()
    {
        var (store, seed) = BenchStores.Open(Backend, _logKey.Name, _parties, _keys, Now, _cleanup);
        var seeded = store.AppendBatch(seed, Now);
        if (!seeded.All(c => c.IsAccepted))
        {
            throw new InvalidOperationException(seeded.First(c => !c.IsAccepted).Message);
        }

        // The switch applies to appends only; integration always re-checks (it reads the source and parties stated above).
        ((DbRecordStore)store).BodyRulesEnabled = BodyRules;
        return store;
    }

    /// <summary>Observation statements (~330 bytes), round-robin over the parties, sequences from <paramref name="firstSeq"/>.</summary>
    private byte[][] Sign(int count, long firstSeq) =>
        [.. Enumerable.Range(0, count).AsParallel().AsOrdered().Select(i =>
        {
            var p = i % Parties;
            var statement = new Statement(StatementKind.Observation, _parties[p], _keys[p].NoteKey.Reference, firstSeq + (i / Parties), Now,
                $$"""{"id":"obs-{{i}}","observer":"{{_parties[p]}}","subject":"RUS","from":"2022-01-12","where":"Yelnya","what":"troops","quantity":{{i % 9000}},"sources":["bench"],"confidence":"uncertain"}""");
            return SignedStatement.Sign(statement, _keys[p]).Entry.ToArray();
        })];

    [IterationSetup(Targets = [nameof(AppendSignedDurably), nameof(Ed25519VerifyAllCores)])]
    public void FreshStore()
    {
        _store?.Dispose();
        _store = NewStore();
        _fresh = Sign(Appends, 1);
        _signatures = [.. _fresh.Select(e =>
        {
            var s = SignedStatement.Parse(e).Statement!;
            return (s.Statement.SigningBytes(), s.Signature.ToArray(), _keys[_parties.IndexOf(s.Statement.Author)].NoteKey);
        })];
    }

    [IterationSetup(Target = nameof(IntegrateWithoutSignatureChecks))]
    public void PendingStore()
    {
        _store?.Dispose();
        _store = NewStore();
        foreach (var chunk in Sign(4 * Appends, 1).Chunk(1024))
        {
            _store.AppendBatch(chunk, Now);
        }
    }

    /// <summary>
    /// Validates (signature on all cores, then sequence, keys, time) and durably appends statements as a stream of batches of 512,
    /// one commit per batch, the next batch's signatures checked while this one commits (<see cref="IRecordStore.AppendBatches"/>).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Appends)]
    public int AppendSignedDurably()
    {
        var accepted = _store!.AppendBatches(_fresh.Chunk(512), Now).Count(c => c.IsAccepted);
        return accepted == Appends ? accepted : throw new InvalidOperationException("rejected statements");
    }

    /// <summary>The bound: Ed25519 verification of the same statements' signing bytes on all cores, nothing else.</summary>
    [Benchmark(OperationsPerInvoke = Appends)]
    public int Ed25519VerifyAllCores()
    {
        var ok = 0;
        Parallel.For(0, _signatures.Length, () => 0, (i, _, n) => n + (_signatures[i].Key.Verify(_signatures[i].Message, _signatures[i].Signature) ? 1 : 0),
            n => Interlocked.Add(ref ok, n));
        return ok;
    }

    /// <summary>
    /// Integrates 32,768 pending statements in batches of 8,192: leaf hashes, nodes, one transaction per batch. Since the trust issue,
    /// integration also re-reads each entry and checks its signature and body rules again before the log key may sign over it, so the
    /// name's "without signature checks" is historical.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 4 * Appends)]
    public long IntegrateWithoutSignatureChecks()
    {
        while (_store!.Integrate(8192).Count > 0)
        {
        }

        return _store.Size;
    }

    /// <summary>
    /// Offline proof files (c2sp.org/tlog-proof) against the latest checkpoint of the 65,536-entry store; tree nodes come from the
    /// store's node cache once read (the first iteration fills it from the database).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Proofs)]
    public int InclusionProofsFromStorage()
    {
        var total = 0;
        for (var i = 0; i < Proofs; i++)
        {
            _proofIndex = (_proofIndex + 7919) % LogSize;
            total += _full.ProveInclusion(_proofIndex, _checkpoint).Proof.Length;
        }

        return total;
    }

    /// <summary>Re-derives the whole tree from the raw entries: leaf hashes, every stored node, the checkpoint. No signatures.</summary>
    [Benchmark(OperationsPerInvoke = LogSize)]
    public long VerifyTree()
    {
        var report = _full.Verify([_logKey.NoteKey], statements: false);
        return report.IsValid ? report.EntriesChecked : throw new InvalidOperationException(report.ToString());
    }

    /// <summary>As <see cref="VerifyTree"/>, plus every statement replayed: signatures (in parallel), keys and sequences.</summary>
    [Benchmark(OperationsPerInvoke = LogSize)]
    public long VerifyTreeAndSignatures()
    {
        var report = _full.Verify([_logKey.NoteKey], statements: true);
        return report.IsValid ? report.EntriesChecked : throw new InvalidOperationException(report.ToString());
    }
}
