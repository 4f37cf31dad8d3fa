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

    private (string Path, string Text)[] files = [];
    private RuleGeography geography = null!;
    private AgreementLibrary library = null!;
    private Evaluator evaluator = null!;
    private World scenarioWorld = null!;
    private World syntheticWorld = null!;
    private List<IncrementalChecker> checkers = [];
    private int next;
    private Membership newMembership = null!;
    private Notification newNotification = null!;
    private Observation newObservation = null!;
    private World grownWorld = null!;
    private List<IncrementalChecker> membershipCheckers = [];

    [GlobalSetup(Targets = [nameof(CompileAll), nameof(EvaluateAllScenario), nameof(EvaluateAllSynthetic), nameof(AddOneDeployment)])]
    public void Setup()
    {
        var data = BenchData.DataDirectory();
        files = Directory.GetFiles(Path.Combine(data, "agreements"), "*.accord").Select(p => (p, File.ReadAllText(p))).ToArray();
        geography = RuleGeography.Load(Path.Combine(data, "geo"));
        library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        evaluator = new Evaluator(geography);
        scenarioWorld = ScenarioLoader.Load(BenchData.Template).At(Day);
        syntheticWorld = ScenarioLoader.Load(BenchData.Synthetic(1_000_000, 100_000)).At(Day);
        checkers = library.All.Select(a => new IncrementalChecker(evaluator, a, syntheticWorld)).ToList();
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
        var s = syntheticWorld.Scenario;
        var activity = s.Activities.First(a => a.Period.From <= Day && a.Period.From >= Day.AddDays(-300));
        newMembership = new Membership(new FactId("bench-member"), new PartyId("NATO"), new PartyId("UKR"), new Period(Day), evidence);
        newNotification = new Notification(new FactId("bench-notification"), activity.Hosts[0], NotificationKind.ViennaPriorNotification, activity.Id,
            null, Day.AddDays(-1), Quantity.Of(20000), evidence);
        newObservation = new Observation(new FactId("bench-observation"), new PartyId("USA"), new PartyId("RUS"), new Period(Day), null,
            [new PartyId("RUS")], null, "troops", Quantity.Of(1), null, Provenance.Inspected, evidence);
        grownWorld = new Scenario(s.Info, s.Sources.Values, s.Parties.Values, s.Systems.Values, s.Sites.Values, s.Memberships.Add(newMembership),
            s.Control, s.Deployments, s.Activities, s.Notifications.Add(newNotification), s.Observations.Add(newObservation), s.Consents).At(Day);
    }

    /// <summary>Parse, check and compile every shipped document.</summary>
    [Benchmark]
    public int CompileAll() => files.Sum(f => AgreementCompiler.Compile(Parser.ParseDocument(f.Text, f.Path), geography.RegionNames).Clauses.Count());

    /// <summary>Every document over europe-2022 on 2022-01-12.</summary>
    [Benchmark]
    public int EvaluateAllScenario() => library.All.Sum(a => evaluator.Evaluate(a, scenarioWorld).Count);

    /// <summary>Every document over the synthetic world on 2022-01-12.</summary>
    [Benchmark]
    public int EvaluateAllSynthetic() => library.All.Sum(a => evaluator.Evaluate(a, syntheticWorld).Count);

    /// <summary>One new foreign deployment taken into account by every document, touching only the clauses and groups it affects.</summary>
    [Benchmark]
    public int AddOneDeployment()
    {
        var fact = new Deployment(new FactId($"bench-new-{next++}"), new PartyId("USA"), new PartyId("POL"), null, null, null, null,
            Quantity.Of(100), ForceUnit.Troops, Permanence.Permanent, Mission.Combat, new Period(new DateOnly(2022, 1, 1)),
            Provenance.Declared, Evidence.From(new SourceId(SyntheticScenario.SourceId), Confidence.Uncertain));
        return checkers.Sum(c => c.Add(fact, syntheticWorld).Count);
    }

    /// <summary>
    /// Fresh checkers for each membership iteration: adding the same membership twice would change nothing the second time.
    /// Building them leaves hundreds of megabytes of garbage (a full evaluation each); it is collected here, so a collection it
    /// would cause is not billed to the membership.
    /// </summary>
    [IterationSetup(Target = nameof(AddOneMembership))]
    public void FreshCheckers()
    {
        membershipCheckers = library.All.Select(a => new IncrementalChecker(evaluator, a, syntheticWorld)).ToList();
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
    public int AddOneMembership() => membershipCheckers.Sum(c => c.Add(newMembership, grownWorld).Count);

    /// <summary>A prior notification of one activity: only the findings about that activity in clauses that look for it.</summary>
    [Benchmark]
    public int AddOneNotification() => checkers.Sum(c => c.Add(newNotification, grownWorld).Count);

    /// <summary>An inspection: only the clauses that read observations.</summary>
    [Benchmark]
    public int AddOneObservation() => checkers.Sum(c => c.Add(newObservation, grownWorld).Count);
}
