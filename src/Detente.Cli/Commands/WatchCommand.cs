using System.CommandLine;
using Detente.Cli.Records;
using Detente.Node.Appending;
using Detente.Node.Following;
using Detente.Record.Admission;
using Detente.Storage;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente watch --db RECORD [--at DATE] [--json]</c>: follows a record and prints every finding change as statements are
/// integrated (by this or another process), until Ctrl-C.
/// </summary>
internal static class WatchCommand
{
    /// <summary>How often the store's integrated size is read.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static Command Create(CliOptions options)
    {
        var db = RecordOptions.Db();
        var at = CliOptions.AtOption(required: false,
            "The date every finding is evaluated on, fixed while watch runs (default: the day watch starts, UTC)");
        var command = new Command("watch",
            "Follow a record: print a summary of the current findings, then one line per finding that appears, changes status or disappears " +
            "as statements are integrated (by another process too), with the statement that caused it; until Ctrl-C. Every change is " +
            "evaluated on --at (default: the day watch starts, UTC), which stays fixed. With --json: one JSON object per line.")
        {
            db, at, options.Json, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : DateOnly.FromDateTime(DateTime.UtcNow);
            var json = parse.GetValue(options.Json);
            var connection = RecordOptions.DbPath(parse.GetValue(db));
            var origin = RecordStores.ExistingOrigin(connection)
                ?? throw new UsageException($"--db: no record in {RecordNode.Display(connection)}; create one with 'detente record import'");
            using var store = RecordStores.Open(connection, origin);
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;

            // A service manager stops it with SIGTERM: the same clean end as Ctrl-C.
            using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
            try
            {
                var agreements = RulesContext.AgreementsDirectory(parse.GetValue(RulesContext.AgreementsOption));
                var live = Watching.Open(store, session.Manifest.GeoDirectory, agreements, day);
                if (DemoKeys.IsDemoOrigin(origin))
                {
                    session.Error.WriteLine($"warning: {DemoKeys.Warning}");
                }

                session.Output.WriteLine(json ? Watching.Started(origin, live).ToJsonString() : Watching.StartedText(origin, live));
                session.Output.Flush();
                while (!stop.IsCancellationRequested)
                {
                    var followed = live.Poll();
                    foreach (var change in followed.Changes)
                    {
                        session.Output.WriteLine(json ? Watching.ChangeLine(change).ToJsonString() : change.ToString());
                    }

                    session.Output.Flush();
                    if (followed.Batch.Statements.Count == 0)
                    {
                        stop.Token.WaitHandle.WaitOne(Interval);
                    }
                }

                return 0;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }
}
