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
