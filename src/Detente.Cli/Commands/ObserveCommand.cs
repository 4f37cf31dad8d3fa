using System.CommandLine;
using System.Globalization;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Verification.Observations;

namespace Detente.Cli.Commands;

/// <summary><c>detente observe import FILE</c>: records an observation file (CSV or GeoJSON) as signed batch statements, all or nothing.</summary>
internal static class ObserveCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("observe", "Observations from monitors and open sources.");
        command.Subcommands.Add(Import(options));
        return command;
    }

    private static Command Import(CliOptions options)
    {
        var file = new Argument<string>("file") { Description = "A CSV or GeoJSON (.geojson, .json) observation file; see docs/verification.md." };
        var party = new Option<string?>("--party") { Description = "The monitor that signs the batches and observes rows without an 'observer'." };
        var size = new Option<int>("--batch-size") { Description = "Rows per batch statement.", DefaultValueFactory = _ => 100_000 };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("import", "Validate an observation file and record it whole as observation-batch statements (nothing on error).")
        {
            file, party, size, db, keyring, options.Json,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file");
            }

            if (parse.GetValue(size) < 1)
            {
                throw new UsageException("--batch-size: expected a number from 1");
            }

            var monitorText = parse.GetValue(party);
            if (monitorText is not null && !PartyId.IsValidCode(monitorText))
            {
                throw new UsageException($"--party: '{monitorText}' is not a party code");
            }

            ObservationRows rows;
            try
            {
                rows = ObservationFile.Read(path, monitorText, Environment.ProcessorCount);
            }
            catch (ObservationFileException e)
            {
                throw new UsageException(e.Message);
            }

            var monitor = monitorText is null ? RecordNode.Librarian : new PartyId(monitorText);
            var connection = session.Record ?? RecordOptions.DbPath(parse.GetValue(db));
            using var node = new RecordNode(connection, RecordOptions.KeyringPath(parse.GetValue(keyring)));
            var result = ObservationBatches.Import(node, rows, monitor, parse.GetValue(size), DateTimeOffset.UtcNow);
            if (parse.GetValue(options.Json))
            {
                session.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    file = path, rows = result.Rows, batches = result.Batches, first_index = result.FirstIndex, size = result.Size, sha256 = result.Digests,
                }));
            }
            else
            {
                session.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"recorded {result.Rows:N0} observations from {path} as {result.Batches} batch statement(s) signed by {monitor} " +
                    $"(log entries {result.FirstIndex}..{result.Size - 1}); record size {result.Size}"));
            }

            return 0;
        })));
        return command;
    }
}
