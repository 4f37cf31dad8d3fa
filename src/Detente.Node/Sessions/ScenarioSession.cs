using Detente.Core;
using Detente.Data;
using Detente.Geo;

namespace Detente.Node.Sessions;

/// <summary>
/// The scenario one command or request works on, named as on the command line (a directory holding scenario.json, or the name
/// of a shipped scenario; null for the default), with its files' world and its geography each read once, on first use.
/// Not thread-safe: one session serves one caller.
/// </summary>
public sealed class ScenarioSession(string? scenario)
{
    private ScenarioManifest? _manifest;
    private Scenario? _scenario;
    private Atlas? _atlas;

    /// <summary>The scenario's manifest; a missing or malformed scenario.json is a <see cref="InputException"/> naming it.</summary>
    public ScenarioManifest Manifest => _manifest ??= ScenarioManifest.Read(Paths.Scenario(scenario));

    /// <summary>The world the scenario's files describe, with the control areas its geography maps.</summary>
    public Scenario FromFiles => _scenario ??= ScenarioLoader.Load(Manifest, Geography.AreaIds(Manifest.GeoDirectory));

    /// <summary>Country shapes and control areas of the scenario's geography.</summary>
    public Atlas Atlas => _atlas ??= Atlas.LoadDirectory(Manifest.GeoDirectory);
}
