using BenchmarkDotNet.Attributes;
using Detente.Core;
using Detente.Data;

namespace Detente.Benchmarks;

/// <summary>Loading and indexing a synthetic world of 1,000,000 deployments (target: under 3 s).</summary>
[MemoryDiagnoser]
public class ScenarioLoadBenchmarks
{
    private string _directory = "";

    [GlobalSetup]
    public void Setup() => _directory = BenchData.Synthetic(1_000_000, 100_000);

    /// <summary>Reads and validates every file of the scenario.</summary>
    [Benchmark]
    public Scenario Load() => ScenarioLoader.Load(_directory);

    /// <summary>Reads, validates, and builds the indexed world of one day.</summary>
    [Benchmark]
    public World LoadAndIndex() => ScenarioLoader.Load(_directory).At(new DateOnly(2022, 1, 12));
}

/// <summary>Taking the snapshot of one day over 1,000,000+ dated facts (target: under 0.5 s).</summary>
[MemoryDiagnoser]
public class WorldSnapshotBenchmarks
{
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup() => _scenario = ScenarioLoader.Load(BenchData.Synthetic(1_000_000, 100_000));

    /// <summary>How many dated facts the snapshot is taken over.</summary>
    public int Facts => _scenario.DatedFactCount;

    [Benchmark]
    public World Snapshot() => _scenario.At(new DateOnly(2022, 1, 12));

    [Benchmark]
    public int SnapshotAndQuery()
    {
        var world = _scenario.At(new DateOnly(2015, 6, 1));
        return world.DeploymentsIn(new PartyId("POL")).Length + world.MembersOf(new PartyId("NATO")).Length + world.Activities.Length;
    }
}
