using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Rules.Measures;

namespace Detente.Negotiation;

/// <summary>A value of an issue with where it came from.</summary>
/// <param name="Value">The value, in the issue's domain; null when the measure found sources disagreeing or data missing.</param>
/// <param name="Basis">
/// How it was obtained: <c>measured</c> from the world; <c>disputed</c> or <c>undetermined</c> when the measure could not
/// settle on one value (see <paramref name="Candidates"/>); <c>recorded</c> status-quo data of an unmeasured issue.
/// </param>
/// <param name="Explanation">Why, in words: the deciding facts and any dispute or missing datum.</param>
/// <param name="Candidates">The values it could be when <paramref name="Value"/> is null.</param>
public readonly record struct IssueValue(int? Value, string Basis, string Explanation, ImmutableArray<int> Candidates = default);

/// <summary>
/// Computes an issue's value from the world. <see cref="IssueMeasures.Compile"/> provides one per measured issue by
/// compiling the issue's <see cref="Issue.Measure"/> text with the rule language. Implementations must be pure functions
/// of the world.
/// </summary>
public interface IIssueMeasure
{
    /// <summary>The issue's value in <paramref name="world"/>.</summary>
    IssueValue Measure(World world);
}

/// <summary>
/// The measures known for issues. The status quo of an issue at a date is its measure's value in the world of that date;
/// for an unmeasured issue it is the recorded status-quo data.
/// </summary>
public sealed class IssueMeasures
{
    private readonly ConcurrentDictionary<IssueId, IIssueMeasure> _measures = new();

    /// <summary>
    /// Declares the data's parameters in <paramref name="environment"/> and compiles the measure of every measured issue:
    /// a yes/no issue's measure is a condition, a numeric one a number whose literal results lie in the issue's domain, and a
    /// levelled one may name its levels. Throws <see cref="InputException"/> at the file, line and column of the
    /// first problem.
    /// </summary>
    public static IssueMeasures Compile(NegotiationData data, MeasureEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(environment);
        var result = new IssueMeasures();
        try
        {
            foreach (var p in data.Parameters)
            {
                if (!MeasureEnvironment.ParameterTypes.Contains(p.Type))
                {
                    var near = Spelling.Nearest(p.Type, MeasureEnvironment.ParameterTypes);
                    throw new InputException(p.TypeLocation, null,
                        $"unknown parameter type '{p.Type}'; expected one of: {string.Join(", ", MeasureEnvironment.ParameterTypes)}" +
                        (near is null ? "" : $" (did you mean '{near}'?)"));
                }

                environment.DeclareParameter(p.Name, p.Type, new MeasureText(p.Value, p.Location.File, p.ValueLocator));
            }

            foreach (var issue in data.Issues.Where(i => i.Measure is not null))
            {
                var levels = issue.Domain.IsYesNo || issue.Domain.Labels.IsDefaultOrEmpty
                    ? null
                    : issue.Domain.Values.ToDictionary(
                        v => issue.Domain.Labels[(v - issue.Domain.Min) / issue.Domain.Step], v => (double)v);
                var text = new MeasureText(issue.Measure!, issue.Location.File, issue.MeasureLocator);
                var measure = Measure.Compile(text, issue.Domain.IsYesNo ? MeasureKind.YesNo : MeasureKind.Number, environment, levels,
                    issue.Domain.Min, issue.Domain.Max);
                result.Register(issue.Id, new RuleIssueMeasure(issue, measure));
            }
        }
        catch (InputException e) when (e.Diagnostics.Length > 1)
        {
            // The first problem of a measure is the one to fix; the others often follow from it.
            throw new InputException(e.First);
        }

        return result;
    }

    /// <summary>Registers (or replaces) the measure of <paramref name="issue"/>.</summary>
    public void Register(IssueId issue, IIssueMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        _measures[issue] = measure;
    }

    /// <summary>True when a measure is registered for <paramref name="issue"/>.</summary>
    public bool IsRegistered(IssueId issue) => _measures.ContainsKey(issue);

    /// <summary>
    /// The status quo of <paramref name="issue"/> on <paramref name="at"/>: the registered measure's value in
    /// <paramref name="world"/> (the world of that date) when there is one, else the recorded data; null when neither is known.
    /// </summary>
    public IssueValue? StatusQuo(Issue issue, DateOnly at, World? world)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (world is not null && _measures.TryGetValue(issue.Id, out var measure))
        {
            var measured = measure.Measure(world);
            if (measured.Value is { } v && !issue.Domain.Contains(v))
            {
                throw new InvalidOperationException($"the measure of issue '{issue.Id}' returned {v}, outside its domain {issue.Domain}");
            }

            return measured;
        }

        if (_measures.ContainsKey(issue.Id))
        {
            return null;
        }

        return issue.StatusQuoAt(at) is { } recorded
            ? new IssueValue(recorded.Value, "recorded", recorded.Note)
            : null;
    }

    /// <summary>
    /// The status quo of every issue in <paramref name="data"/> on the world's date (in parallel; measures are pure), in file order.
    /// </summary>
    public ImmutableArray<(Issue Issue, IssueValue? Value)> StatusQuo(NegotiationData data, World world)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(world);
        var values = new IssueValue?[data.Issues.Length];
        Parallel.For(0, values.Length, i => values[i] = StatusQuo(data.Issues[i], world.At, world));
        return [.. data.Issues.Select((issue, i) => (issue, values[i]))];
    }

    /// <summary>The issues whose status quo on the world's date is one value, with that value (for scoring and packages).</summary>
    public Dictionary<IssueId, int> Values(NegotiationData data, World world) =>
        StatusQuo(data, world).Where(x => x.Value?.Value is not null).ToDictionary(x => x.Issue.Id, x => x.Value!.Value.Value!.Value);
}

/// <summary>An issue's measure compiled from its rule-language text.</summary>
internal sealed class RuleIssueMeasure(Issue issue, Measure measure) : IIssueMeasure
{
    public IssueValue Measure(World world)
    {
        var result = measure.Evaluate(world);
        var why = Explain(result, world.At);
        if (result.Outcome == MeasureOutcome.Determined)
        {
            var v = result.Value!.Value;
            if (v != Math.Floor(v) || !issue.Domain.Contains((long)v))
            {
                var (line, column) = issue.MeasureLocator?.Invoke(0) ?? (issue.Location.Line, issue.Location.Column);
                throw new InputException(new SourceLocation(issue.Location.File, line, column), null,
                    $"the measure of issue '{issue.Id}' gives {v.ToString(CultureInfo.InvariantCulture)} on {world.At:yyyy-MM-dd}, "
                    + $"outside its domain {issue.Domain}; widen the domain or narrow the measure");
            }

            return new IssueValue((int)v, "measured", why);
        }

        var candidates = result.Candidates.Where(c => c == Math.Floor(c) && issue.Domain.Contains((long)c))
            .Select(c => (int)c).ToImmutableArray();
        var basis = result.Outcome == MeasureOutcome.Disputed ? "disputed" : "undetermined";
        return new IssueValue(null, basis, why, candidates);
    }

    private static string Explain(MeasureResult result, DateOnly at)
    {
        var parts = new List<string>();
        if (!result.Facts.IsDefaultOrEmpty)
        {
            parts.Add("facts: " + string.Join(", ", result.Facts));
        }

        parts.AddRange(result.Notes);
        // No named fact: nothing matched, or the value came from a set such as members(NATO) alone.
        return parts.Count == 0 ? $"measured in the world of {at:yyyy-MM-dd}; no single fact decided it" : string.Join("; ", parts);
    }
}
