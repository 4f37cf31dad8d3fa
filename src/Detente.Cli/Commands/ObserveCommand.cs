using System.CommandLine;
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
            var near = parse.GetValue(nearOption) is { } nearText ? NearBorder.Parse(nearText) : null;
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var report = ForcesReport.Build(session.Scenario, session.Atlas, day, parse.GetValue(window), parse.GetValue(what)!, near);
            return options.Answer(parse, session, report.ToJson, _ => report.Table(), compact: true);
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
            DateOnly? last = parse.GetValue(until) is { } u ? Parse.Date(u, "--until") : null;
            var series = SeriesReport.Build(session.Scenario, session.Atlas, last, parse.GetValue(what)!, parse.GetValue(party));
            return options.Answer(parse, session, series.ToJson, _ => series.Table(), compact: true);
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
            var (record, keys) = (session.Record ?? RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            var report = ObservationImportReport.Import(record, keys, parse.GetValue(demo), () => session.Scenario, parse.GetValue(file)!,
                parse.GetValue(party), parse.GetValue(size), DateTimeOffset.UtcNow);
            session.Output.WriteLine(parse.GetValue(options.Json) ? report.ToJson().ToJsonString() : report.Line);
            return 0;
        });
    }
}
