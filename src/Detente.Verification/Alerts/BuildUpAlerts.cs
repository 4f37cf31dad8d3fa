using Detente.Core;
using Detente.Geo;
using Detente.Rules;
using Detente.Rules.Runtime;
using Detente.Verification.Observations;

namespace Detente.Verification.Alerts;

/// <summary>
/// The build-up alerts of a scenario on a date, with thresholds read from the Vienna Document's parameters: what <c>detente
/// alerts</c>, <c>check --alerts</c> and the brief show.
/// </summary>
public static class BuildUpAlerts
{
    /// <summary>The agreement whose parameters give the thresholds.</summary>
    public const string Agreement = "vienna-document-2011";

    /// <summary>
    /// The alerts on <paramref name="day"/>: the scenario's observations up to that day (placed with <paramref name="atlas"/>) against
    /// the declarations, notices and the thresholds of <paramref name="thresholds"/> (the Vienna Document, see <see cref="Agreement"/>).
    /// </summary>
    public static IReadOnlyList<Alert> At(RuleEngine engine, Rules.Compilation.Agreement thresholds, Scenario scenario, Atlas? atlas, DateOnly day,
        AlertOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(scenario);
        var world = scenario.At(day);
        var table = ObservationTable.From(scenario.Observations, atlas, day);
        return new AlertEngine(AlertThresholds.From(thresholds, engine, world), options).Evaluate(world, table);
    }

    /// <summary>The findings the alerts on <paramref name="day"/> become (for <c>check --alerts</c> and the brief's matrix).</summary>
    public static IReadOnlyList<Finding> Findings(RuleEngine engine, Rules.Compilation.Agreement thresholds, Scenario scenario, Atlas? atlas, DateOnly day) =>
        AlertEngine.Findings(At(engine, thresholds, scenario, atlas, day));
}
