using System.CommandLine;
using System.Globalization;
using Detente.Cli.Records;
using Detente.Node.Reports.Verification;
using Detente.Verification.Observations;
using Detente.Cli.Rendering;

namespace Detente.Cli.Commands;

/// <summary><c>detente observe import FILE</c>: records an observation file (CSV or GeoJSON) as signed batch statements, all or nothing.</summary>
internal static class ObserveCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("observe", "Observations from monitors and open sources.");
        command.Subcommands.Add(Import(options));
        command.Subcommands.Add(Forces(options));
        command.Subcommands.Add(Series(options));
        return command;
    }

    /// <summary><c>observe forces --at DATE</c>: each party's observed forces per place over the window, matched to declarations.</summary>
    private static Command Forces(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var window = new Option<int>("--window-days") { Description = "Days up to --at to aggregate.", DefaultValueFactory = _ => 14 };
        var what = new Option<string>("--what") { Description = "What is counted (troops, a unit type or a system id).", DefaultValueFactory = _ => "troops" };
        var nearOption = new Option<string?>("--near")
        {
            Description = "Only observations with coordinates within KM of the border between two sets of states: A,B:C:KM (e.g. RUS,BLR:UKR:100).",
        };
        return options.Verb("forces", "Observed forces per party and place over a window: the spread of estimates, what was declared, what is unmatched.",
            [at, window, what, nearOption, options.Json, options.Csv], (parse, session) =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var near = parse.GetValue(nearOption) is { } nearText ? NearBorder.Parse(nearText) : null;
            var report = ForcesReport.Build(session.Scenario, session.Atlas, day, parse.GetValue(window), parse.GetValue(what)!, near);
            if (parse.GetValue(options.Json))
            {
                session.Output.WriteLine(report.ToJson().ToJsonString());
                return 0;
            }

            var t = new ReportTable($"Observed {parse.GetValue(what)!} {report.From:yyyy-MM-dd}..{day:yyyy-MM-dd}",
                new Column("Party", ColumnKind.Id), new Column("Where", ColumnKind.Id), new Column("Scope", ColumnKind.Id), new Column("Observers", ColumnKind.Id),
                new Column("Min", ColumnKind.Id), new Column("Median", ColumnKind.Id), new Column("Max", ColumnKind.Id), new Column("Low–high", ColumnKind.Id),
                new Column("Declared deployed", ColumnKind.Id), new Column("Activities (notices)", ColumnKind.Id), new Column("Unmatched", ColumnKind.Id))
            {
                KeyColumns = 3,
                Empty = "no observation in the window",
            };
            foreach (var (state, m) in report.Rows)
            {
                var o = m.Observed;
                t.Add(o.Party, o.Place, state ? "state-wide" : "local sightings", o.Estimates.Length.ToString(CultureInfo.InvariantCulture),
                    ObservationTable.Format(o.Min), ObservationTable.Format(o.Median), ObservationTable.Format(o.Max),
                    $"{ObservationTable.Format(o.Low)}–{ObservationTable.Format(o.High)}",
                    state ? ObservationTable.Format(m.DeclaredDeployed) : "—",
                    m.Activities.IsEmpty ? "—" : string.Join(", ", m.Activities.Select(a => a.Id.Value)) + $" ({m.Notices.Length})",
                    state ? ObservationTable.Format(m.Unmatched) : "—");
            }

            if (report.Rows.Any(m => !m.StateWide))
            {
                t.Notes.Add("Local sightings are observations with coordinates: they count forces at a point, not in the whole state, so they are "
                            + "aggregated apart from state-wide estimates and not matched against the state's declared forces (—).");
            }

            session.Show(t, csv);
            return 0;
        });
    }

    /// <summary><c>observe series</c>: weekly build-up series by party and place.</summary>
    private static Command Series(CliOptions options)
    {
        var until = new Option<string?>("--until") { Description = "Last day to include (default: every observation)." };
        var what = new Option<string>("--what") { Description = "What is counted.", DefaultValueFactory = _ => "troops" };
        var party = new Option<string?>("--party") { Description = "Only this observed party." };
        return options.Verb("series", "Weekly build-up series (ISO weeks) by party and place, with the spread of estimates.",
            [until, what, party, options.Json, options.Csv], (parse, session) =>
        {
            var csv = options.CsvChosen(parse);
            DateOnly? last = parse.GetValue(until) is { } u ? Parse.Date(u, "--until") : null;
            var points = SeriesReport.Build(session.Scenario, session.Atlas, last, parse.GetValue(what)!, parse.GetValue(party));
            if (parse.GetValue(options.Json))
            {
                session.Output.WriteLine(points.ToJson().ToJsonString());
                return 0;
            }

            var t = new ReportTable("Build-up series by ISO week", new Column("Party", ColumnKind.Id), new Column("Where", ColumnKind.Id),
                new Column("Week", ColumnKind.Id), new Column("Observers", ColumnKind.Id), new Column("Min", ColumnKind.Id), new Column("Median", ColumnKind.Id),
                new Column("Max", ColumnKind.Id), new Column("Low–high", ColumnKind.Id))
            {
                KeyColumns = 3,
                Empty = "no observation",
            };
            foreach (var p in points.Points)
            {
                t.Add(p.Party, p.Place, p.Week, p.Observers.ToString(CultureInfo.InvariantCulture), ObservationTable.Format(p.Min),
                    ObservationTable.Format(p.Median), ObservationTable.Format(p.Max), $"{ObservationTable.Format(p.Low)}–{ObservationTable.Format(p.High)}");
            }

            session.Show(t, csv);
            return 0;
        });
    }

    private static Command Import(CliOptions options)
    {
        var file = new Argument<string>("file") { Description = "A CSV or GeoJSON (.geojson, .json) observation file; see docs/verification.md." };
        var party = new Option<string?>("--party") { Description = "The monitor that signs the batches and observes rows without an 'observer'." };
        var size = new Option<int>("--batch-size") { Description = "Rows per batch statement.", DefaultValueFactory = _ => 100_000 };
        var (db, keyring, demo) = (RecordOptions.Db(), RecordOptions.Keyring(), RecordOptions.Demo());
        return options.Verb("import", "Validate an observation file and record it whole as observation-batch statements (nothing on error).",
            [file, party, size, db, keyring, demo, options.Json], (parse, session) =>
        {
            var path = parse.GetValue(file)!;
            var report = ObservationImportReport.Import(session.Record ?? RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)),
                parse.GetValue(demo), () => session.Scenario, path, parse.GetValue(party), parse.GetValue(size), DateTimeOffset.UtcNow);
            var (result, monitor) = (report.Imported, report.Monitor);
            if (parse.GetValue(options.Json))
            {
                session.Output.WriteLine(report.ToJson().ToJsonString());
            }
            else
            {
                session.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"recorded {result.Rows:N0} observations from {path} as {result.Batches} batch statement(s) signed by {monitor} " +
                    $"(log entries {result.FirstIndex}..{result.Size - 1}); record size {result.Size}"));
            }

            return 0;
        });
    }
}
