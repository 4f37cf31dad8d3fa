using System.Diagnostics.CodeAnalysis;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Checking;
using Detente.Rules.Compilation;
using Detente.Rules.Comparison;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules;

/// <summary>How far apart the dates of a timeline are.</summary>
public enum TimelineStep
{
    /// <summary>Every day.</summary>
    Day,

    /// <summary>Every seven days.</summary>
    Week,

    /// <summary>The same day of each following month (clamped to the month's end, and kept from there).</summary>
    Month,

    /// <summary>The same day of each following year.</summary>
    Year,
}

/// <summary>An agreement evaluated at one date of a timeline.</summary>
/// <param name="Day">The date.</param>
/// <param name="Standing">Where the document stands on the date.</param>
/// <param name="Findings">Its findings on the date (only the party's, when a party was asked for).</param>
public sealed record TimelinePoint(DateOnly Day, DocumentStanding Standing, IReadOnlyList<Finding> Findings);

/// <summary>The views the engine gives over compiled documents: coverage, comparison, timelines and explanations.</summary>
public sealed partial class RuleEngine
{
    /// <summary>The types a document's parameter may have (<c>param NAME: TYPE = default</c>).</summary>
    public static IReadOnlyList<string> ParameterTypes => [.. AgreementCompiler.ParamTypes.Keys];

    /// <summary>The words a document's <c>kind:</c> header accepts.</summary>
    public static IReadOnlyList<string> DocumentKinds => Parser.DocumentKinds;

    /// <summary>The closed word families rule text compares fields against (<c>launch</c>, <c>permanence</c>, ...), each with its words.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> WordFamilies =>
        Schema.Words.ToDictionary(w => w.Key, w => (IReadOnlyList<string>)w.Value, StringComparer.Ordinal);

    /// <summary>Finds a document of <paramref name="library"/> by id.</summary>
    /// <returns>True with the agreement; false with a message naming the nearest known id.</returns>
    public static bool TryFind(AgreementLibrary library, string id, [NotNullWhen(true)] out Agreement? agreement, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(id);
        agreement = library.Find(id);
        problem = agreement is null ? RuleMessages.Unknown("agreement", id, library.All.Select(a => a.Id)) : null;
        return agreement is not null;
    }

    /// <summary>
    /// The parties each clause no machine can check binds on the world's date, by clause: the evaluator reports such a clause once,
    /// for party <c>*</c>; views use this to show every bound party as bound but not checkable rather than as not a party.
    /// </summary>
    public IReadOnlyDictionary<ClauseId, IReadOnlyList<string>> UncheckableBound(Agreement agreement, World world, AgreementParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(world);
        var result = new Dictionary<ClauseId, IReadOnlyList<string>>();
        var clauses = agreement.Clauses.Where(c => !c.Checkable).ToList();
        if (clauses.Count == 0)
        {
            return result;
        }

        var env = agreement.Environment(world, Geography, parameters?.Values);
        foreach (var clause in clauses)
        {
            result[new ClauseId(agreement.AgreementId, clause.Id)] = [.. clause.BoundIn(env).Sorted.Select(p => p.Code)];
        }

        return result;
    }

    /// <summary>
    /// Of <paramref name="findings"/> (of <paramref name="agreement"/> on the world's date), those of <paramref name="party"/> and
    /// those of the clauses no machine can check that bind it.
    /// </summary>
    public IReadOnlyList<Finding> OfParty(Agreement agreement, World world, AgreementParameters? parameters, IEnumerable<Finding> findings, string party)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var bound = UncheckableBound(agreement, world, parameters);
        return [.. findings.Where(f => f.PartyCode == party
                                       || (f.Status == FindingStatus.NotCheckable && bound.TryGetValue(f.Clause, out var b) && b.Contains(party)))];
    }

    /// <summary>
    /// Evaluates <paramref name="agreement"/> at each date from <paramref name="first"/> to <paramref name="last"/>, <paramref name="step"/>
    /// apart; with <paramref name="party"/>, each date keeps that party's findings (see <see cref="OfParty"/>).
    /// </summary>
    public IReadOnlyList<TimelinePoint> Timeline(Agreement agreement, Scenario scenario, DateOnly first, DateOnly last, TimelineStep step,
        AgreementParameters? parameters = null, string? party = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(scenario);
        Func<DateOnly, DateOnly> next = step switch
        {
            TimelineStep.Day => d => d.AddDays(1),
            TimelineStep.Week => d => d.AddDays(7),
            TimelineStep.Month => d => d.AddMonths(1),
            TimelineStep.Year => d => d.AddYears(1),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        var points = new List<TimelinePoint>();
        for (var day = first; day <= last; day = next(day))
        {
            var world = scenario.At(day);
            var findings = Evaluate(agreement, world, parameters);
            points.Add(new TimelinePoint(day, Standing(agreement, day), party is null ? findings : OfParty(agreement, world, parameters, findings, party)));
            if (day == DateOnly.MaxValue)
            {
                break;
            }
        }

        return points;
    }

    /// <summary>
    /// Compares two documents as constraints on the world on <paramref name="at"/>: stronger, weaker, equivalent or incomparable,
    /// per aligned clause and as a whole, searching up to <paramref name="budget"/> worlds per pair of clauses for separating ones.
    /// </summary>
    public AgreementDiff Compare(Agreement left, Agreement right, Scenario scenario, DateOnly at, int budget = 500)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        return new AgreementComparison(_evaluator, scenario) { Budget = budget }.Compare(left, right, at);
    }

    /// <summary>The word for a strength: <c>stronger</c>, <c>weaker</c>, <c>equivalent</c>, <c>incomparable</c> or <c>undecided</c>.</summary>
    public static string Word(Strength strength) => AgreementComparison.Word(strength);

    /// <summary>The parties of each document on the world's date compared: those only in the left, only in the right (as rule text writes a set), and how many in both.</summary>
    public (string OnlyLeft, string OnlyRight, int Both) PartiesCompared(Agreement left, Agreement right, World world)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var pa = left.Environment(world, Geography, null).Parties;
        var pb = right.Environment(world, Geography, null).Parties;
        return (pa.Except(pb).ToString(), pb.Except(pa).ToString(), pa.Intersect(pb).Count);
    }

    /// <summary>
    /// Explains clause <paramref name="clause"/> (its number, or <c>agreement/number</c>) of <paramref name="agreement"/> on the world's
    /// date: who it binds, the parameters it reads and their values, the trace of its condition on <paramref name="subject"/> (a fact
    /// id of <paramref name="scenario"/>, or a party code) and the findings about it.
    /// </summary>
    /// <returns>True with the explanation; false with a message when the clause is not one of the document's.</returns>
    public bool TryExplain(Agreement agreement, string clause, Scenario scenario, World world, AgreementParameters? parameters, string? subject,
        [NotNullWhen(true)] out ClauseExplanation? explanation, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(world);
        explanation = null;
        problem = null;
        if (agreement.Clause(clause) is not { } compiled)
        {
            problem = RuleMessages.Unknown($"clause of {agreement.Id}", clause, agreement.Clauses.Select(c => c.Id));
            return false;
        }

        explanation = ClauseExplanation.Build(this, _evaluator, agreement, compiled, scenario, world, parameters, subject);
        return true;
    }
}
