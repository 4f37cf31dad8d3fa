using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Benchmarks;

/// <summary>
/// The negotiation analysis on a generated instance of 200 positions over 60 issues (targets on 2 cores: feasibility
/// under 100 ms, the first minimal conflict under 1 s, 100 conflicts under 30 s, a red-line comparison under 50 ms).
/// Each operation builds its CP-SAT model from scratch, as the CLI does.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class NegotiationBenchmarks
{
    private NegotiationData data = null!;
    private NegotiationProblem problem = null!;
    private Position first = null!;
    private Position second = null!;

    [GlobalSetup]
    public void Setup()
    {
        data = SyntheticNegotiation.Create(issues: 60, positions: 200, seed: 42);
        problem = NegotiationProblem.Create(data, [], null, linkage: false);
        first = data.Positions.First(p => p.Condition is All);
        second = data.Positions.Last(p => p.Condition is All);
    }

    /// <summary>Joint feasibility of all 200 positions, and of the red lines alone, with witnesses.</summary>
    [Benchmark]
    public Feasibility Feasibility() => new NegotiationAnalyzer(problem).Feasibility(TimeSpan.FromSeconds(10));

    /// <summary>The first minimal conflict set (core from CP-SAT, then deletion shrink).</summary>
    [Benchmark]
    public Conflict? FirstConflict() => new NegotiationAnalyzer(problem).FirstConflict(TimeSpan.FromSeconds(10), out _);

    /// <summary>MARCO until 100 minimal conflicts are found (maximal packages come along the way).</summary>
    [Benchmark]
    public int HundredConflicts()
    {
        var result = new NegotiationAnalyzer(problem).Enumerate(100, TimeSpan.FromSeconds(60), packageLimit: 0);
        return result.Completion == Completion.TimedOut ? -result.Conflicts.Length : result.Conflicts.Length;
    }

    /// <summary>Weaker / stronger / equivalent / incomparable for two positions, with separating packages.</summary>
    [Benchmark]
    public Strength RedLineComparison() => NegotiationAnalyzer.Compare(data, first, second, TimeSpan.FromSeconds(5)).Strength;
}
