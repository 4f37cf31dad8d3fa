using BenchmarkDotNet.Attributes;
using Detente.Core;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;
using Detente.Data;

namespace Detente.Benchmarks;

/// <summary>
/// The rule language: compiling the seven documents (target under 200 ms), evaluating them over europe-2022 at one date
/// (under 50 ms) and over a synthetic world of 1,000,000 deployments and 100,000 activities (under 2 s), and re-evaluating
/// after one new deployment, membership, notification or observation (under 5 ms each).
/// </summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    private static readonly DateOnly Day = new(2022, 1, 12);

    private (string Path, string Text)[] _files = [];
    private RuleGeography _geography = null!;
    private AgreementLibrary _library = null!;
    private Evaluator _evaluator = null!;
    private World _scenarioWorld = null!;
    private World _syntheticWorld = null!;
    private List<IncrementalChecker> _checkers = [];
    private int _next;
    private Membership _newMembership = null!;
    private Notification _newNotification = null!;
    private Observation _newObservation = null!;
    private World _grownWorld = null!;
    private List<IncrementalChecker> _membershipCheckers = [];

    [GlobalSetup(Targets = [nameof(CompileAll), nameof(EvaluateAllScenario), nameof(EvaluateAllSynthetic), nameof(AddOneDeployment)])]
    public void Setup()
    {
        var data = BenchData.DataDirectory();
        _files = Directory.GetFiles(Path.Combine(data, "agreements"), "*.accord").Select(p => (p, File.ReadAllText(p))).ToArray();
        _geography = RuleGeography.Load(Path.Combine(data, "geo"));
        _library = AgreementLibrary.Load(Path.Combine(data, "agreements"), _geography.RegionNames);
        _evaluator = new Evaluator(_geography);
        _scenarioWorld = ScenarioLoader.Load(BenchData.Template).At(Day);
        _syntheticWorld = ScenarioLoader.Load(BenchData.Synthetic(1_000_000, 100_000)).At(Day);
        _checkers = _library.All.Select(a => new IncrementalChecker(_evaluator, a, _syntheticWorld)).ToList();
    }

    /// <summary>
    /// The setup above plus one fact of each other kind and a second synthetic world that holds them; kept apart so the
    /// other benchmarks do not carry the second world's memory (and its garbage-collection cost).
    /// </summary>
    [GlobalSetup(Targets = [nameof(AddOneMembership), nameof(AddOneNotification), nameof(AddOneObservation)])]
    public void SetupWithNewFacts()
    {
        Setup();

        // One fact of each other kind, and the synthetic world that holds all three, so each re-evaluation sees its fact.
        var evidence = Evidence.From(new SourceId(SyntheticScenario.SourceId), Confidence.Uncertain);
        var s = _syntheticWorld.Scenario;
        var activity = s.Activities.First(a => a.Period.From <= Day && a.Period.From >= Day.AddDays(-300));
        _newMembership = new Membership(new FactId("bench-member"), new PartyId("NATO"), new PartyId("UKR"), new Period(Day), evidence);
        _newNotification = new Notification(new FactId("bench-notification"), activity.Hosts[0], NotificationKind.ViennaPriorNotification, activity.Id,
            null, Day.AddDays(-1), Quantity.Of(20000), evidence);
        _newObservation = new Observation(new FactId("bench-observation"), new PartyId("USA"), new PartyId("RUS"), new Period(Day), null,
            [new PartyId("RUS")], null, "troops", Quantity.Of(1), null, Provenance.Inspected, evidence);
        _grownWorld = new Scenario(s.Info, s.Sources.Values, s.Parties.Values, s.Systems.Values, s.Sites.Values, s.Memberships.Add(_newMembership),
            s.Control, s.Deployments, s.Activities, s.Notifications.Add(_newNotification), s.Observations.Add(_newObservation), s.Consents).At(Day);
    }

    /// <summary>Parse, check and compile every shipped document.</summary>
    [Benchmark]
    public int CompileAll() => _files.Sum(f => AgreementCompiler.Compile(Parser.ParseDocument(f.Text, f.Path), _geography.RegionNames).Clauses.Count());

    /// <summary>Every document over europe-2022 on 2022-01-12.</summary>
    [Benchmark]
    public int EvaluateAllScenario() => _library.All.Sum(a => _evaluator.Evaluate(a, _scenarioWorld).Count);

    /// <summary>Every document over the synthetic world on 2022-01-12.</summary>
    [Benchmark]
    public int EvaluateAllSynthetic() => _library.All.Sum(a => _evaluator.Evaluate(a, _syntheticWorld).Count);

    /// <summary>One new foreign deployment taken into account by every document, touching only the clauses and groups it affects.</summary>
    [Benchmark]
    public int AddOneDeployment()
    {
        var fact = new Deployment(new FactId($"bench-new-{_next++}"), new PartyId("USA"), new PartyId("POL"), null, null, null, null,
            Quantity.Of(100), ForceUnit.Troops, Permanence.Permanent, Mission.Combat, new Period(new DateOnly(2022, 1, 1)),
            Provenance.Declared, Evidence.From(new SourceId(SyntheticScenario.SourceId), Confidence.Uncertain));
        return _checkers.Sum(c => c.Add(fact, _syntheticWorld).Count);
    }

    /// <summary>
    /// Fresh checkers for each membership iteration: adding the same membership twice would change nothing the second time.
    /// Building them leaves hundreds of megabytes of garbage (a full evaluation each); it is collected here, so a collection it
    /// would cause is not billed to the membership.
    /// </summary>
    [IterationSetup(Target = nameof(AddOneMembership))]
    public void FreshCheckers()
    {
        _membershipCheckers = _library.All.Select(a => new IncrementalChecker(_evaluator, a, _syntheticWorld)).ToList();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>
    /// Ukraine joins NATO: only the clauses whose sets of states change with NATO's membership are evaluated again, and in
    /// them only the facts that name Ukraine where it matters (e.g. ru-nato-2021-draft/7.1, whose Eastern European states
    /// lose Ukraine: the deployments hosted in Ukraine) or lie near it (a border zone drawn with NATO's members).
    /// </summary>
    [Benchmark]
    public int AddOneMembership() => _membershipCheckers.Sum(c => c.Add(_newMembership, _grownWorld).Count);

    /// <summary>A prior notification of one activity: only the findings about that activity in clauses that look for it.</summary>
    [Benchmark]
    public int AddOneNotification() => _checkers.Sum(c => c.Add(_newNotification, _grownWorld).Count);

    /// <summary>An inspection: only the clauses that read observations.</summary>
    [Benchmark]
    public int AddOneObservation() => _checkers.Sum(c => c.Add(_newObservation, _grownWorld).Count);
}
