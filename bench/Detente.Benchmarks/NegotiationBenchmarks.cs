using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Rules.Measures;
using Detente.Data;

namespace Detente.Benchmarks;

/// <summary>
/// The negotiation analysis on a generated instance of 200 positions over 60 issues (targets on 2 cores: feasibility
/// under 100 ms, the first minimal conflict under 1 s, 100 conflicts under 30 s, a red-line comparison under 50 ms).
/// Each operation builds its CP-SAT model from scratch, as the CLI does. Measuring the world (every shipped issue's
/// measure on europe-2022 at one date) is outside those targets and is timed by <see cref="MeasureAllIssues"/>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class NegotiationBenchmarks
{
    private NegotiationData _data = null!;
    private NegotiationProblem _problem = null!;
    private Position _first = null!;
    private Position _second = null!;
    private NegotiationData _shipped = null!;
    private IssueMeasures _measures = null!;
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticNegotiation.Create(issues: 60, positions: 200, seed: 42);
        _problem = NegotiationProblem.Create(_data, [], null, linkage: false);
        _first = _data.Positions.First(p => p.Condition is All);
        _second = _data.Positions.Last(p => p.Condition is All);
        _shipped = NegotiationData.Load(Path.Combine(BenchData.DataDirectory(), "negotiation"));
        _scenario = ScenarioLoader.Load(BenchData.Template);
        var environment = MeasureEnvironment.Load(
            Path.Combine(BenchData.DataDirectory(), "geo"), _scenario.Parties.Keys.Select(p => p.Code));
        environment.ReadAgreements(Path.Combine(BenchData.DataDirectory(), "agreements"));
        _measures = IssueMeasures.Compile(_shipped, environment);
    }

    /// <summary>Joint feasibility of all 200 positions, and of the red lines alone, with witnesses.</summary>
    [Benchmark]
    public Feasibility Feasibility() => new NegotiationAnalyzer(_problem).Feasibility(new SolverLimit(10));

    /// <summary>The first minimal conflict set (core from CP-SAT, then deletion shrink).</summary>
    [Benchmark]
    public Conflict? FirstConflict() => new NegotiationAnalyzer(_problem).FirstConflict(new SolverLimit(10), out _);

    /// <summary>MARCO until 100 minimal conflicts are found (maximal packages come along the way).</summary>
    [Benchmark]
    public int HundredConflicts()
    {
        var result = new NegotiationAnalyzer(_problem).Enumerate(100, new SolverLimit(60), packageLimit: 0);
        return result.Completion == Completion.SolverLimitReached ? -result.Conflicts.Length : result.Conflicts.Length;
    }

    /// <summary>Weaker / stronger / equivalent / incomparable for two positions, with separating packages.</summary>
    [Benchmark]
    public Strength RedLineComparison() => NegotiationAnalyzer.Compare(_data, _first, _second, new SolverLimit(5)).Strength;

    /// <summary>The status quo of every shipped issue on 2022-01-26: the world of the day, then each compiled measure.</summary>
    [Benchmark]
    public int MeasureAllIssues() =>
        _measures.StatusQuo(_shipped, _scenario.At(new DateOnly(2022, 1, 26))).Count(x => x.Value?.Value is not null);
}
