using Detente.Core;
using Detente.Scenarios;
using Spectre.Console;

namespace Detente.Cli;

/// <summary>What one command invocation works on: the chosen scenario, loaded once, and where output goes.</summary>
internal sealed class Session(string? scenarioOption, IAnsiConsole console, TextWriter output)
{
    private Scenario? scenario;
    private ScenarioManifest? manifest;
    private Geo.Atlas? atlas;

    public IAnsiConsole Console { get; } = console;

    public TextWriter Output { get; } = output;

    public ScenarioManifest Manifest => manifest ??= ScenarioManifest.Read(Paths.Scenario(scenarioOption));

    /// <summary>The record to build the world from (<c>--record</c>); null reads the scenario's files.</summary>
    public string? Record { get; set; }

    public Scenario Scenario => scenario ??= Record is { } record
        ? Records.RecordWorld.Load(record)
        : ScenarioLoader.Load(Manifest, Geography.AreaIds(Manifest.GeoDirectory));

    /// <summary>Writes a table: as CSV (RFC 4180) with <paramref name="csv"/>, else drawn for people within the console's width.</summary>
    public void Show(Rendering.TableView table, bool csv)
    {
        if (csv)
        {
            Rendering.Csv.Write(Output, table);
        }
        else
        {
            Rendering.TextTable.Write(Console, table);
        }
    }

    /// <summary>Country shapes and control areas of the scenario's geography, loaded on first use.</summary>
    public Geo.Atlas Atlas => atlas ??= Geo.Atlas.LoadDirectory(Manifest.GeoDirectory);
}
