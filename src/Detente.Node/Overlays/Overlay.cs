using Detente.Core;
using Detente.Data;
using Detente.Geo;
using Detente.Node.Projection;

namespace Detente.Node.Overlays;

/// <summary>
/// Hypothetical facts (what-if) as a layer over a world in memory: the overlay's facts are read and validated against the scenario
/// (<see cref="ScenarioLoader.ReadOverlay"/>) and added to it; the scenario itself, its files and the record are left as they are.
/// </summary>
public static class Overlay
{
    /// <summary>
    /// The scenario with the overlay file's facts laid over it. A bad overlay fails with a <see cref="InputException"/> naming the
    /// overlay file, line and column; nothing is changed.
    /// </summary>
    /// <param name="scenario">The world to lay the facts over (from scenario files or from the record).</param>
    /// <param name="path">The overlay file (<c>{"deployments": [...], ...}</c>, in the scenario format).</param>
    /// <param name="areaIds">The mapped areas control facts may name; null skips that check.</param>
    public static Scenario Load(Scenario scenario, string path, IReadOnlySet<string>? areaIds = null) =>
        Over(scenario, ScenarioLoader.ReadOverlay(scenario, path, areaIds));

    /// <summary>
    /// The scenario with the facts of the overlay file given with <c>--apply</c> laid over it, control facts checked against the areas of
    /// <paramref name="geoDirectory"/>. A missing file is a <see cref="NodeException"/> naming <c>--apply</c>; a bad one an
    /// <see cref="InputException"/> naming the file, line and column.
    /// </summary>
    public static Scenario Apply(Scenario scenario, string path, string geoDirectory) =>
        InputFile.Exists(path) ? Load(scenario, path, Geography.AreaIds(geoDirectory)) : throw new NodeException($"--apply: no such file '{path}'");

    /// <summary>The scenario files of <paramref name="manifest"/> with the overlay's facts (see <see cref="Apply(Scenario, string, string)"/>).</summary>
    public static Scenario Apply(ScenarioManifest manifest, string path)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Apply(ScenarioLoader.Load(manifest, Geography.AreaIds(manifest.GeoDirectory)), path, manifest.GeoDirectory);
    }

    /// <summary>The scenario with <paramref name="facts"/> laid over it, titled as holding hypothetical facts.</summary>
    public static Scenario Over(Scenario scenario, OverlayFacts facts)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(facts);
        IEnumerable<object> all = [.. facts.Sources, .. facts.Parties, .. facts.Sites, .. facts.Memberships, .. facts.Control,
            .. facts.Deployments, .. facts.Activities, .. facts.Notifications, .. facts.Observations];
        return ScenarioGrowth.With(scenario, all, scenario.Info with { Title = scenario.Info.Title + " (with hypothetical facts)" });
    }
}
