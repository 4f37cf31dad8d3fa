using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// The node's <see cref="Appender"/> on SQLite (WAL, synchronous=FULL) and PostgreSQL (synchronous_commit=on): durable signed append
/// through the whole lifecycle (validate with the body rules, append, integrate — which re-reads and re-checks every entry — and sign a
/// checkpoint), against the Ed25519 verification bound on all cores measured in the same class and run. PostgreSQL runs when
/// DETENTE_BENCH_POSTGRES (or DETENTE_TEST_POSTGRES) holds a connection string. Each figure is per statement (OperationsPerInvoke).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class AppenderBenchmarks
{
    private const int Appends = 8192;
    private const int Parties = 16;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);

    private readonly List<SigningKey> _keys = [];
    private readonly List<PartyId> _parties = [];
    private readonly List<string> _cleanup = [];
    private byte[][] _fresh = [];
    private (byte[] Message, byte[] Signature, VerifierKey Key)[] _signatures = [];
    private IRecordStore? _store;
    private Appender? _appender;
    private SigningKey _logKey = null!;

    /// <summary>sqlite, and postgres when a server is configured.</summary>
    public static IEnumerable<string> Backends() => BenchStores.Backends();

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Parties; i++)
        {
            _parties.Add(new PartyId($"P{i:D2}"));
            _keys.Add(SigningKey.Demo($"bench.detente.test/P{i:D2}"));
        }

        _logKey = SigningKey.Demo("bench.detente.test/demo");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _appender?.Dispose();
        _store?.Dispose();
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

    /// <summary>A fresh store with the parties enrolled and the source and parties the observations name stated, and an appender over it.</summary>
    [IterationSetup]
    public void FreshAppender()
    {
        _appender?.Dispose();
        _store?.Dispose();
        (_store, var seed) = BenchStores.Open(Backend, _logKey.Name, _parties, _keys, Now, _cleanup);
        _appender = new Appender(_store, _logKey, new AppenderOptions { QueueCapacity = Appends, Clock = () => Now });
        var seeded = _appender.Append(new AppendRequest(seed));
        if (!seeded.IsAccepted)
        {
            throw new InvalidOperationException(seeded.Message);
        }

        _fresh = [.. Enumerable.Range(0, Appends).AsParallel().AsOrdered().Select(i =>
        {
            var p = i % Parties;
            var statement = new Statement(StatementKind.Observation, _parties[p], _keys[p].NoteKey.Reference, 1 + (i / Parties), Now,
                $$"""{"id":"obs-{{i}}","observer":"{{_parties[p]}}","subject":"RUS","from":"2022-01-12","where":"Yelnya","what":"troops","quantity":{{i % 9000}},"sources":["bench"],"confidence":"uncertain"}""");
            return SignedStatement.Sign(statement, _keys[p]).Entry.ToArray();
        })];
        _signatures = [.. _fresh.Select(e =>
        {
            var s = SignedStatement.Parse(e).Statement!;
            return (s.Statement.SigningBytes(), s.Signature.ToArray(), _keys[_parties.IndexOf(s.Statement.Author)].NoteKey);
        })];
    }

    /// <summary>
    /// 8,192 writers' single statements submitted at once (as a server's clients would): the appender commits them in groups of up to
    /// 1,024 per transaction, integrates and checkpoints after each group; timed until the last submitter is answered.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Appends)]
    public int AppendConcurrentSubmissions()
    {
        var tasks = new Task<AppendResult>[Appends];
        for (var i = 0; i < Appends; i++)
        {
            tasks[i] = _appender!.SubmitAsync(new AppendRequest([_fresh[i]]));
        }

        var accepted = Task.WhenAll(tasks).GetAwaiter().GetResult().Count(r => r.IsAccepted);
        return accepted == Appends ? accepted : throw new InvalidOperationException(tasks.First(t => !t.Result.IsAccepted).Result.Message);
    }

    /// <summary>One writer's 8,192 statements in one submission (an import): pipelined transactions of 1,024, then integrated and checkpointed.</summary>
    [Benchmark(OperationsPerInvoke = Appends)]
    public int AppendOneBulkSubmission()
    {
        var result = _appender!.Append(new AppendRequest(_fresh));
        return result.IsAccepted ? result.Statements.Count : throw new InvalidOperationException(result.Message);
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
}
