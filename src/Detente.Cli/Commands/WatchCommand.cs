using System.CommandLine;
using System.Runtime.InteropServices;
using Detente.Cli.Records;
using Detente.Node.Following;

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
        return options.Verb("watch",
            "Follow a record: print a summary of the current findings, then one line per finding that appears, changes status or disappears " +
            "as statements are integrated (by another process too), with the statement that caused it; until Ctrl-C. Every change is " +
            "evaluated on --at (default: the day watch starts, UTC), which stays fixed. With --json: one JSON object per line.",
            [db, at, options.Json, RulesContext.AgreementsOption], (parse, session) =>
        {
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : DateOnly.FromDateTime(DateTime.UtcNow);
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;

            // A service manager stops it with SIGTERM: the same clean end as Ctrl-C.
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
            try
            {
                Watching.Follow(RecordOptions.DbPath(parse), session.Manifest.GeoDirectory,
                    RulesContext.AgreementsDirectory(parse.GetValue(RulesContext.AgreementsOption)), day, parse.GetValue(options.Json), session.Output,
                    session.Error, Interval, stop.Token);
                return 0;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
    }
}
