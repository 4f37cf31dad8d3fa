using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Detente.Core;
using Detente.Data;
using Detente.Node.Appending;
using Detente.Node.Following;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// Opening a node over the record of <see cref="NodeRecord"/> (1.1 M statements): world projection and every agreement's incremental
/// checker built; goal under 15 s and 4 GiB. Out of process (an open takes about 15 s, longer than BenchmarkDotNet's in-process
/// toolchain allows), one iteration per open, the peak working set printed when the process ends. The whole-process figure
/// (wall time and peak resident memory of a process that only opens the node) is bench/node-open.sh.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class NodeOpenBenchmarks
{
    private IRecordStore _store = null!;
    private RuleGeography _geography = null!;
    private AgreementLibrary _library = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_geography, _library) = NodeRecord.Rules();
        var path = NodeRecord.Path(NodeRecord.Deployments, NodeRecord.Deployments / 10);
        _store = RecordStores.Open(path, RecordStores.ExistingOrigin(path)!);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// peak working set: {NodeRecord.PeakGiB():F2} GiB"));
    }

    /// <summary>Opens a node over the record: reads 1.1 M statements into the world and builds every agreement's checker.</summary>
    [Benchmark]
    public int OpenNode() => NodeRecord.Open(_store, _geography, _library).Findings.Findings.Count;
}

/// <summary>
/// One statement appended through the <see cref="Appender"/> (durable, integrated, checkpointed, in the iteration setup) and followed
/// by a node opened over the record of <see cref="NodeRecord"/>: the finding changes it causes, emitted after its batch is
/// integrated (goal under 10 ms at the 99th percentile). 200 iterations of one invocation each, no outlier removed, P95 and P99
/// columns: the percentiles are of single follows. No forced collection between iterations (BenchmarkDotNet's default): on a heap
/// of a few GiB it takes seconds per iteration, and a collection the follow causes is part of its latency.
/// </summary>
[MemoryDiagnoser]
[Outliers(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)]
[Config(typeof(PercentileConfig))]
[GcForce(false)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 5, iterationCount: 200, invocationCount: 1)]
public class NodeFollowBenchmarks
{
    private IRecordStore _store = null!;
    private Appender _appender = null!;
    private SigningKey _usa = null!;
    private SigningKey _logKey = null!;
    private System.Threading.Channels.ChannelReader<IntegratedBatch> _integrated = null!;
    private LiveRecord _live = null!;
    private IntegratedBatch _next = null!;
    private int _count;

    /// <summary>A copy of the record (the cached one stays as it was built), the node opened over it, an appender it follows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var path = NodeRecord.Path(NodeRecord.Deployments, NodeRecord.Deployments / 10);
        var copy = path + ".follow.db";
        File.Copy(path, copy, overwrite: true);
        var (geography, library) = NodeRecord.Rules();
        _store = RecordStores.Open(copy, RecordStores.ExistingOrigin(copy)!);
        _logKey = SigningKey.Generate(_store.Origin);
        _appender = new Appender(_store, _logKey);
        _integrated = _appender.Follow();
        _usa = SigningKey.Demo(ScenarioImport.DemoKeyName(new PartyId("USA")));
        _live = NodeRecord.Open(_store, geography, library);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _appender.Dispose();
        _store.Dispose();
        _usa.Dispose();
        _logKey.Dispose();
    }

    /// <summary>Before each iteration: one new US deployment in Poland appended through the Appender (integrated, checkpointed).</summary>
    [IterationSetup]
    public void AppendOne()
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
        if (!_integrated.TryRead(out _next!))
        {
            throw new InvalidOperationException("the appender answered before publishing the integrated batch");
        }
    }

    /// <summary>The node takes the integrated batch of one statement: world projection, checkers, finding changes with their cause.</summary>
    [Benchmark]
    public int FollowOneStatement() => _live.Take(_next).Changes.Count;
}

/// <summary>Adds the 95th and 99th percentile columns (BenchmarkDotNet shows neither by default; it has no P99 column of its own).</summary>
internal sealed class PercentileConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public PercentileConfig()
    {
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95, new PercentileColumn(99), BenchmarkDotNet.Columns.StatisticColumn.Max);
    }
}

/// <summary>A percentile of the measured iterations, in milliseconds (without outlier removal when the class says so).</summary>
internal sealed class PercentileColumn(int percentile) : BenchmarkDotNet.Columns.IColumn
{
    public string Id => $"P{percentile}";

    public string ColumnName => $"P{percentile}";

    public bool AlwaysShow => true;

    public BenchmarkDotNet.Columns.ColumnCategory Category => BenchmarkDotNet.Columns.ColumnCategory.Statistics;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public BenchmarkDotNet.Columns.UnitType UnitType => BenchmarkDotNet.Columns.UnitType.Dimensionless;

    public string Legend => $"{percentile}th percentile of the measured iterations";

    public string GetValue(BenchmarkDotNet.Reports.Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(BenchmarkDotNet.Reports.Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, BenchmarkDotNet.Reports.SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
        {
            return "NA";
        }

        // Nanoseconds, shown in milliseconds (the unit of the goal it is read against).
        return (statistics.Percentiles.Percentile(percentile) / 1e6).ToString("N3", style.CultureInfo) + " ms";
    }

    public bool IsAvailable(BenchmarkDotNet.Reports.Summary summary) => true;

    public bool IsDefault(BenchmarkDotNet.Reports.Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;
}
