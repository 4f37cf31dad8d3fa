using Detente.Core;
using Detente.Scenarios;
using Spectre.Console;

namespace Detente.Cli;

/// <summary>What one command invocation works on: the chosen scenario, loaded once, and where output goes.</summary>
internal sealed class Session(string? scenarioOption, IAnsiConsole console, TextWriter output)
{
    private Scenario? scenario;
    private ScenarioManifest? manifest;

    public IAnsiConsole Console { get; } = console;

    public TextWriter Output { get; } = output;

    public ScenarioManifest Manifest => manifest ??= ScenarioManifest.Read(Paths.Scenario(scenarioOption));

    public Scenario Scenario => scenario ??= ScenarioLoader.Load(Manifest, Geography.AreaIds(Manifest.GeoDirectory));
}
