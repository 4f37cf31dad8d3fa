using System.Collections.Concurrent;
using Detente.Core;

namespace Detente.Negotiation;

/// <summary>A value of an issue with where it came from.</summary>
/// <param name="Value">The value, in the issue's domain.</param>
/// <param name="Basis">How it was obtained: "measured" by a rule, or "recorded" status-quo data.</param>
/// <param name="Explanation">Why, in words.</param>
public readonly record struct IssueValue(int Value, string Basis, string Explanation);

/// <summary>
/// Computes an issue's value from the world; the rule engine will provide one per issue by compiling the issue's
/// <see cref="Issue.Measure"/> text. Implementations must be pure functions of the world.
/// </summary>
public interface IIssueMeasure
{
    /// <summary>The issue's value in <paramref name="world"/>.</summary>
    IssueValue Measure(World world);
}

/// <summary>
/// The measures known for issues. The status quo of an issue at a date is the registered measure's value when one is
/// registered and a world is given, else the recorded status-quo data.
/// </summary>
public sealed class IssueMeasures
{
    private readonly ConcurrentDictionary<IssueId, IIssueMeasure> measures = new();

    /// <summary>Registers (or replaces) the measure of <paramref name="issue"/>.</summary>
    public void Register(IssueId issue, IIssueMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        measures[issue] = measure;
    }

    /// <summary>True when a measure is registered for <paramref name="issue"/>.</summary>
    public bool IsRegistered(IssueId issue) => measures.ContainsKey(issue);

    /// <summary>The status quo of <paramref name="issue"/> on <paramref name="at"/>, preferring a registered measure; null when neither is known.</summary>
    public IssueValue? StatusQuo(Issue issue, DateOnly at, World? world)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (world is not null && measures.TryGetValue(issue.Id, out var measure))
        {
            var measured = measure.Measure(world);
            if (!issue.Domain.Contains(measured.Value))
            {
                throw new InvalidOperationException($"the measure of issue '{issue.Id}' returned {measured.Value}, outside its domain {issue.Domain}");
            }

            return measured;
        }

        return issue.StatusQuoAt(at) is { } recorded
            ? new IssueValue(recorded.Value, "recorded", recorded.Note)
            : null;
    }
}
