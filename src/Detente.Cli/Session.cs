using Detente.Core;
using Detente.Data;
using Spectre.Console;

namespace Detente.Cli;

/// <summary>What one command invocation works on: the chosen scenario, loaded once, and where output goes.</summary>
internal sealed class Session(string? scenarioOption, IAnsiConsole console, TextWriter output, TextWriter? error = null)
{
    private readonly Node.Sessions.ScenarioSession _files = new(scenarioOption);
    private Scenario? _scenario;

    public IAnsiConsole Console { get; } = console;

    public TextWriter Output { get; } = output;

    /// <summary>Where warnings go (standard error).</summary>
    public TextWriter Error { get; } = error ?? TextWriter.Null;

    /// <summary>What the world was read from when it came from a record (null otherwise): pending entries and whether it is a demo record.</summary>
    public Node.Projection.RecordStatus? RecordStatus { get; private set; }

    public ScenarioManifest Manifest => _files.Manifest;

    /// <summary>The record to build the world from (<c>--record</c>); null reads the scenario's files.</summary>
    public string? Record { get; set; }

    public Scenario Scenario => _scenario ??= Record is { } record ? LoadRecord(record) : _files.FromFiles;

    /// <summary>Writes a table: as CSV (RFC 4180) with <paramref name="csv"/>, else drawn for people within the console's width.</summary>
    public void Show(ReportTable table, bool csv)
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

    /// <summary>Writes a report's lines of plain text, wrapped within the console's width.</summary>
    public void Write(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
    }

    private Scenario LoadRecord(string record)
    {
        var world = Node.Projection.RecordProjection.Load(record, Geography.AreaIds(Path.Combine(Paths.DataDirectory(), "geo")), out var status);
        RecordStatus = status;
        foreach (var warning in status.Warnings)
        {
            Error.WriteLine($"warning: {warning}");
        }

        return world;
    }

    /// <summary>Country shapes and control areas of the scenario's geography, loaded on first use.</summary>
    public Geo.Atlas Atlas => _files.Atlas;
}
