using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;

namespace Detente.Rules;

/// <summary>
/// One agreement's findings on one date, kept up to date as facts arrive, made by <see cref="RuleEngine.EvaluateIncrementally"/>.
/// Each new fact re-evaluates only the clauses and findings it can change; after every <see cref="Add"/> the findings equal a full
/// <see cref="RuleEngine.Evaluate(Agreement, World, AgreementParameters?)"/> of the grown world.
/// </summary>
/// <remarks>
/// Not safe for concurrent use: one caller adds facts in order. Control and consent facts change what territory and hosting
/// mean for every clause; a caller that meets one evaluates again (a new instance over the grown world) rather than adding it.
/// </remarks>
public sealed class IncrementalEvaluation
{
    private readonly IncrementalChecker _checker;

    internal IncrementalEvaluation(Agreement agreement, IncrementalChecker checker, DateOnly at)
    {
        Agreement = agreement;
        At = at;
        _checker = checker;
    }

    /// <summary>The agreement evaluated.</summary>
    public Agreement Agreement { get; }

    /// <summary>The date the findings are evaluated on; it never changes.</summary>
    public DateOnly At { get; }

    /// <summary>Every current finding.</summary>
    public IEnumerable<Finding> Findings => _checker.Findings;

    /// <summary>
    /// Takes one new fact into account. <paramref name="updated"/> is the world that holds the fact (and every fact added before),
    /// on <see cref="At"/>.
    /// </summary>
    /// <returns>The findings added or replaced, and the keys (<see cref="Finding.Key"/>) of the findings that are gone.</returns>
    /// <exception cref="ArgumentException"><paramref name="updated"/> is on another date than <see cref="At"/>; nothing changed.</exception>
    public FindingsChanged Add(IFact fact, World updated)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(updated);
        var changed = _checker.Add(fact, updated);
        return new FindingsChanged(changed, _checker.Removed);
    }
}

/// <summary>What one <see cref="IncrementalEvaluation.Add"/> changed.</summary>
/// <param name="Changed">The findings that appeared or were replaced (a finding whose status stayed may be among them).</param>
/// <param name="Removed">The keys (<see cref="Finding.Key"/>) of the findings that were there before and are not now.</param>
public sealed record FindingsChanged(IReadOnlyList<Finding> Changed, IReadOnlyList<string> Removed);
