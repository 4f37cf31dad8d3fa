using System.Globalization;
using Detente.Node.Sessions;
using Spectre.Console;

namespace Detente.Cli.Records;

/// <summary>The record behind <c>detente demo</c> (<see cref="Node.Sessions.DemoRecord"/>), and how the demo shows it.</summary>
internal sealed class DemoRecord(Node.Sessions.DemoRecord record) : IDisposable
{
    /// <summary>Points the session at its record, importing the scenario into a temporary one when none was given.</summary>
    public static DemoRecord Open(Session session)
    {
        var record = Node.Sessions.DemoRecord.Open(session.Manifest, session.Record, RecordOptions.KeyringPath((string?)null));
        session.Record = record.Connection;
        return new DemoRecord(record);
    }

    /// <summary>Prints the log's size and checkpoint, and proves one fact of the world is in the log.</summary>
    public void Render(IAnsiConsole console, Core.Scenario scenario)
    {
        var summary = record.Summarize(scenario);
        console.Write(new Rule("[bold]The record[/] — every fact above was read from signed statements").LeftJustified());
        if (summary.Checkpoint is not { } checkpoint)
        {
            console.MarkupLine($"log {Text.Escape(summary.Origin)}: {summary.Size:N0} statements, no checkpoint yet");
            return;
        }

        console.MarkupLine($"log [bold]{Text.Escape(summary.Origin)}[/]{(summary.Temporary ? " (temporary, demo keys)" : "")}: " +
                           $"{checkpoint.Size:N0} signed statements; checkpoint root {checkpoint.RootHash.ToBase64()}");
        if (summary.Sample is not { } sample)
        {
            return;
        }

        var verdict = sample.Check switch
        {
            DemoProofCheck.Verified => $"[green]verified[/] against the checkpoint signed by {Text.Escape(sample.LogKey!.ToString())}",
            DemoProofCheck.MerklePathOnly => "[green]Merkle path verified[/] (no log key in the keyring: checkpoint signature not checked)",
            _ => "[red]does not verify[/]",
        };
        console.MarkupLine($"inclusion proof of deployment [bold]{Text.Escape(sample.Deployment)}[/] (log entry {sample.Index.ToString(CultureInfo.InvariantCulture)}, " +
                           $"{sample.Hashes} hashes): {verdict}");
        console.MarkupLine($"[grey]prove any fact yourself: detente record import --db FILE, then detente record prove --db FILE --index N --out F and detente record verify-proof F --vkey KEY[/]");
    }

    public void Dispose() => record.Dispose();
}
