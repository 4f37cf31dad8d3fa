using Detente.Core;
using Detente.Geo;
using Detente.Negotiation;
using Detente.Rules.Measures;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Negotiation;

/// <summary>
/// The status quo of the issues in a world: every issue's rule-language measure compiled against the scenario's geography, its
/// parties and the agreements (which measures read with in-force and parameter), then evaluated in the world of a day.
/// </summary>
public static class StatusQuoMeasures
{
    /// <summary>
    /// Compiles the measures of <paramref name="data"/>; a bad measure or agreement is an <see cref="InputException"/> at its file,
    /// line and column.
    /// </summary>
    public static IssueMeasures Compile(NegotiationData data, Scenario scenario, Atlas atlas, string geoDirectory, string agreementsDirectory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scenario);
        var regionsPath = Path.Combine(geoDirectory, Regions.FileName);
        var geography = new RuleGeography(atlas, InputFile.Exists(regionsPath) ? Regions.Load(regionsPath, atlas) : null);
        var environment = MeasureEnvironment.Over(geography, new SortedSet<string>(scenario.Parties.Keys.Select(p => p.Code), StringComparer.Ordinal));
        try
        {
            environment.ReadAgreements(agreementsDirectory);
            return IssueMeasures.Compile(data, environment);
        }
        catch (InputException e) when (e.Diagnostics.Length > 1)
        {
            // The first problem of a measure is the one to fix; the others often follow from it.
            throw new InputException(e.First);
        }
    }

    /// <summary>The issues whose status quo on <paramref name="day"/> is one value; disputed and unknown ones stay open (left out).</summary>
    public static Dictionary<IssueId, int> Values(NegotiationData data, IssueMeasures measures, Scenario scenario, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(scenario);
        return measures.StatusQuo(data, scenario.At(day)).Where(x => x.Value?.Value is not null).ToDictionary(x => x.Issue.Id, x => x.Value!.Value.Value!.Value);
    }

    /// <summary>Every issue's status quo on <paramref name="day"/> as JSON (documented in docs/analysis.md).</summary>
    public static System.Text.Json.Nodes.JsonArray Json(IEnumerable<(Issue Issue, IssueValue? Value)> statusQuo, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(statusQuo);
        return [.. statusQuo.Select(x =>
        {
            var (i, sq) = x;
            return (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = i.Id.Value,
                ["title"] = i.Title,
                ["domain"] = i.Domain.ToString(),
                ["unit"] = i.Unit,
                ["measure"] = i.Measure,
                ["unmeasured"] = i.Unmeasured,
                ["definition"] = i.Definition,
                ["status_quo"] = sq?.Value is { } v ? NegotiationJson.Value(i, v) : null,
                ["status_quo_basis"] = sq?.Basis,
                ["status_quo_candidates"] = sq is { Candidates.IsDefaultOrEmpty: false } c
                    ? new System.Text.Json.Nodes.JsonArray([.. c.Candidates.Select(v => NegotiationJson.Value(i, v))])
                    : null,
                ["status_quo_at"] = Data.FactWriter.Day(day),
                ["explanation"] = sq?.Explanation,
            };
        })];
    }
}
