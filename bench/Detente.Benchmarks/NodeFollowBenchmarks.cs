using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Detente.Core;
using Detente.Data;
using Detente.Node.Appending;
using Detente.Node.Following;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// One statement appended through the <see cref="Appender"/> (durable, integrated, checkpointed, in the iteration setup) and followed
/// by a node opened over the record of <see cref="NodeRecord"/>: the finding changes it causes, emitted after its batch is
/// integrated (goal under 10 ms at the 99th percentile). 200 iterations of one invocation each, no outlier removed, P95 and P99
/// columns: the percentiles are of single follows. No forced collection between iterations (BenchmarkDotNet's default): on a heap
/// of a few GiB it takes seconds per iteration, and a collection the follow causes is part of its latency. The job's collector is
/// the node's (<c>detente watch</c>, Detente.Cli.csproj): server collections, not concurrent.
/// </summary>
[MemoryDiagnoser]
[Outliers(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)]
[Config(typeof(PercentileConfig))]
[GcForce(false)]
[GcServer(true)]
[GcConcurrent(false)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 5, iterationCount: 200, invocationCount: 1)]
public class NodeFollowBenchmarks
{
    private FollowedRecord _record = null!;
    private IntegratedBatch _next = null!;

    /// <summary>A copy of the record (the cached one stays as it was built), the node opened over it, an appender it follows.</summary>
    [GlobalSetup]
    public void Setup() => _record = FollowedRecord.Open(NodeRecord.Deployments);

    [GlobalCleanup]
    public void Cleanup() => _record.Dispose();

    /// <summary>Before each iteration: one new US deployment in Poland appended through the Appender (integrated, checkpointed).</summary>
    [IterationSetup]
    public void AppendOne() => _next = _record.AppendOne();

    /// <summary>The node takes the integrated batch of one statement: world projection, checkers, finding changes with their cause.</summary>
    [Benchmark]
    public int FollowOneStatement() => _record.Live.Take(_next).Changes.Count;
}

/// <summary>
/// A copy of the cached record of <see cref="NodeRecord"/> with an <see cref="Appender"/> over it and a node (<see cref="LiveRecord"/>)
/// opened over it in the same process, following what the appender integrates; for <see cref="NodeFollowBenchmarks"/> and the timed
/// <c>follow-node</c> run.
/// </summary>
internal sealed class FollowedRecord : IDisposable
{
    private readonly IRecordStore _store;
    private readonly Appender _appender;
    private readonly SigningKey _usa;
    private readonly SigningKey _logKey;
    private readonly System.Threading.Channels.ChannelReader<IntegratedBatch> _integrated;
    private int _count;

    private FollowedRecord(IRecordStore store, Appender appender, SigningKey usa, SigningKey logKey, LiveRecord live)
    {
        _store = store;
        _appender = appender;
        _usa = usa;
        _logKey = logKey;
        _integrated = appender.Follow();
        Live = live;
    }

    /// <summary>The node following the appender.</summary>
    public LiveRecord Live { get; }

    /// <summary>Copies the record of <paramref name="deployments"/> deployments (built first if missing) and opens the node over the copy.</summary>
    public static FollowedRecord Open(int deployments)
    {
        var path = NodeRecord.Path(deployments, deployments / 10);
        var copy = path + ".follow.db";
        foreach (var stale in new[] { copy + "-wal", copy + "-shm" })
        {
            // A journal left by an earlier run would be replayed onto the fresh copy (its appended statements with it).
            File.Delete(stale);
        }

        File.Copy(path, copy, overwrite: true);
        var (geography, library) = NodeRecord.Rules();
        var store = RecordStores.Open(copy, RecordStores.ExistingOrigin(copy)!);
        var logKey = SigningKey.Generate(store.Origin);
        var appender = new Appender(store, logKey);
        var usa = SigningKey.Demo(ScenarioImport.DemoKeyName(new PartyId("USA")));
        return new FollowedRecord(store, appender, usa, logKey, NodeRecord.Open(store, geography, library));
    }

    /// <summary>Appends one new US deployment in Poland through the appender; returns the batch it integrated (not yet followed).</summary>
    public IntegratedBatch AppendOne()
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"id":"bench-follow-{{_count++}}","owner":"USA","host":"POL","quantity":100,"unit":"troops","permanence":"permanent","mission":"combat","from":"2022-01-01","provenance":"declared","sources":["{{SyntheticScenario.SourceId}}"],"confidence":"uncertain"}""");
        var usa = new PartyId("USA");
        var statement = SignedStatement.Sign(
            new Statement(StatementKind.DeploymentDeclaration, usa, _usa.NoteKey.Reference, _store.State.NextSequence(usa), NodeRecord.Now, body), _usa);
        var enrol = _store.State.Keys.Find(_usa.NoteKey.Reference) is null ? new[] { (usa, _usa.NoteKey) } : [];
        var result = _appender.Append(new AppendRequest([[.. statement.Entry]]) { Enrol = enrol });
        if (result.Outcome != AppendOutcome.Accepted)
        {
            throw new InvalidOperationException($"the appender answered {result.Outcome}: "
                                                + string.Join("; ", result.Statements.Select(r => r.Reason ?? r.Check.Message)));
        }

        // The appender publishes before it answers: the batch is waiting.
        return _integrated.TryRead(out var next) ? next : throw new InvalidOperationException("the appender answered before publishing the integrated batch");
    }

    public void Dispose()
    {
        _appender.Dispose();
        _store.Dispose();
        _usa.Dispose();
        _logKey.Dispose();
    }

    /// <summary>
    /// <c>follow-node [DEPLOYMENTS] [FOLLOWS]</c>: a plain timed run of what <see cref="NodeFollowBenchmarks"/> measures, for quick
    /// comparisons: the node opened, 5 follows to warm up, then <paramref name="follows"/> appends each followed under a stopwatch;
    /// prints the median, mean, 95th and 99th percentiles and maximum of the follows, the bytes allocated per follow, the collections
    /// of each generation and the collector's pause time during the follows, and the collector's settings.
    /// </summary>
    public static int RunFollow(int deployments, int follows, bool allocations = false)
    {
        using var record = Open(deployments);
        for (var i = 0; i < 5; i++)
        {
            record.Live.Take(record.AppendOne());
        }

        if (allocations)
        {
            return SampleAllocations(record, follows);
        }

        var times = new double[follows];
        long allocated = 0;
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var changes = 0;
        for (var i = 0; i < follows; i++)
        {
            var batch = record.AppendOne();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            changes += record.Live.Take(batch).Changes.Count;
            times[i] = clock.Elapsed.TotalMilliseconds;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var pauses = GC.GetTotalPauseDuration() - paused;
        Array.Sort(times);
        double At(double p) => times[Math.Min(follows - 1, (int)Math.Ceiling(p * follows) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"follow-node: {follows} follows ({changes} changes) over {record.Live.Position} statements; median {At(0.5):0.000} ms, mean {times.Average():0.000} ms, "
            + $"P95 {At(0.95):0.000} ms, P99 {At(0.99):0.000} ms, max {times[^1]:0.000} ms; {allocated / (double)follows / 1024:0.0} KiB allocated per follow; "
            + $"collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, paused {pauses.TotalMilliseconds:0} ms; "
            + $"server GC {System.Runtime.GCSettings.IsServerGC}, latency mode {System.Runtime.GCSettings.LatencyMode}"));
        return 0;
    }

    // The statements are appended first, so the samples are of the follows alone (the runtime's samples do not say their thread).
    private static int SampleAllocations(FollowedRecord record, int follows)
    {
        var batches = Enumerable.Range(0, follows).Select(_ => record.AppendOne()).ToList();
        using var ticks = new AllocationTicks();
        Thread.Sleep(500);
        ticks.Counting = true;
        long allocated = 0;
        foreach (var batch in batches)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            record.Live.Take(batch);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Thread.Sleep(500);
        ticks.Counting = false;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"follow-node allocations: {allocated / (double)follows / 1024:0.0} KiB per follow over {follows} follows; sampled by type:"));
        Console.WriteLine(ticks.Summary(25));
        return 0;
    }
}
