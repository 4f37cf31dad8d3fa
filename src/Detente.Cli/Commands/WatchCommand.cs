using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Cli.Records;
using Detente.Node;
using Detente.Node.Appending;
using Detente.Node.Following;
using Detente.Record.Admission;
using Detente.Rules;
using Detente.Rules.Parsing;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
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
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
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
                var live = Open(session, store, parse.GetValue(RulesContext.AgreementsOption), day);
                if (DemoKeys.IsDemoOrigin(origin))
                {
                    session.Error.WriteLine($"warning: {DemoKeys.Warning}");
                }

                Started(session, origin, live, json);
                while (!stop.IsCancellationRequested)
                {
                    var followed = live.Poll();
                    foreach (var change in followed.Changes)
                    {
                        session.Output.WriteLine(json ? Line(change).ToJsonString() : change.ToString());
                    }

                    session.Output.Flush();
                    if (followed.Batch.Statements.Count == 0)
                    {
                        stop.Token.WaitHandle.WaitOne(Interval);
                    }
                }

                return 0;
            }
            catch (NodeException e)
            {
                throw new UsageException(e.Message);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        })));
        return command;
    }

    private static LiveRecord Open(Session session, IRecordStore store, string? agreements, DateOnly day)
    {
        var geo = session.Manifest.GeoDirectory;
        var world = Node.Projection.WorldProjection.Open(store, Geography.AreaIds(geo));
        var engine = new RuleEngine(RuleGeography.Load(geo), world.Scenario.Parties.Keys.Select(p => p.Code).ToHashSet());
        return engine.TryLoad(RulesContext.AgreementsDirectory(agreements), out var library, out var errors)
            ? LiveRecord.Open(world, store, engine, library.All, day)
            : throw new UsageException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>The one-line summary printed on start.</summary>
    private static void Started(Session session, string origin, LiveRecord live, bool json)
    {
        var findings = live.Findings.Findings;
        var counts = findings.GroupBy(f => f.StatusWord).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var day = live.Findings.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (json)
        {
            var byStatus = new JsonObject();
            foreach (var g in counts)
            {
                byStatus[g.Key] = g.Count();
            }

            session.Output.WriteLine(new JsonObject
            {
                ["event"] = "watching",
                ["origin"] = origin,
                ["integrated"] = live.Position,
                ["at"] = day,
                ["findings"] = findings.Count,
                ["by_status"] = byStatus,
            }.ToJsonString());
        }
        else
        {
            session.Output.WriteLine($"watching {origin}: {live.Position:N0} statements integrated; {findings.Count:N0} findings on {day} ("
                                     + string.Join(", ", counts.Select(g => $"{g.Count():N0} {g.Key}")) + "); Ctrl-C to stop");
        }

        session.Output.Flush();
    }

    /// <summary>One change as a JSON line: the change's own fields under <c>"event": "change"</c>.</summary>
    private static JsonObject Line(FindingChange change)
    {
        var line = new JsonObject { ["event"] = "change" };
        foreach (var (name, value) in change.Json())
        {
            line[name] = value?.DeepClone();
        }

        return line;
    }
}
