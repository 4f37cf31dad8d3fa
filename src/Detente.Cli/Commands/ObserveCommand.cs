using System.CommandLine;
using System.Globalization;
using Detente.Cli.Records;
using Detente.Node.Appending;
using Detente.Node.Projection;
using Detente.Core;
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
        var near = new Option<string?>("--near")
        {
            Description = "Only observations with coordinates within KM of the border between two sets of states: A,B:C:KM (e.g. RUS,BLR:UKR:100).",
        };
        var command = new Command("forces", "Observed forces per party and place over a window: the spread of estimates, what was declared, what is unmatched.")
        {
            at, window, what, near, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var from = day.AddDays(1 - Math.Max(1, parse.GetValue(window)));
            var table = ObservationTable.From(session.Scenario.Observations, session.Atlas, day);
            var whatId = table.Names.Find(parse.GetValue(what)!);
            Func<int, bool> include = i => table.What[i] == whatId;
            if (parse.GetValue(near) is { } nearText)
            {
                var parts = nearText.Split(':');
                if (parts.Length != 3 || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var km) || km <= 0
                    || parts[0].Split(',').Concat(parts[1].Split(',')).Any(p => !PartyId.IsValidCode(p)))
                {
                    throw new UsageException($"--near: expected A,B:C:KM (e.g. RUS,BLR:UKR:100), found '{nearText}'");
                }

                var zone = session.Atlas.BorderZone(parts[0].Split(',').Select(p => new PartyId(p)), parts[1].Split(',').Select(p => new PartyId(p)), km);
                var inside = BuildUp.Within(table, zone.Contains);
                include = i => table.What[i] == whatId && inside[i];
            }

            // A state-wide estimate (no coordinates) and a sighting at a point measure different things: the two are aggregated
            // apart, and only state-wide estimates are matched against what the party declared in the state.
            var world = session.Scenario.At(day);
            var matches = BuildUp.Window(table, from, day, i => include(i) && float.IsNaN(table.Lat[i]))
                .Select(f => (Scope: "state", Match: global::Detente.Verification.Alerts.ForceMatching.Match(f, world)))
                .Concat(BuildUp.Window(table, from, day, i => include(i) && !float.IsNaN(table.Lat[i]))
                    .Select(f => (Scope: "local", Match: global::Detente.Verification.Alerts.ForceMatching.Match(f, world))))
                .OrderBy(m => m.Match.Observed.Party, StringComparer.Ordinal).ThenBy(m => m.Match.Observed.Place, StringComparer.Ordinal)
                .ThenBy(m => m.Scope == "state" ? 0 : 1).ToList();
            if (parse.GetValue(options.Json))
            {
                var json = new System.Text.Json.Nodes.JsonArray([.. matches.Select(sm => (sm.Scope, m: sm.Match)).Select(x => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
                {
                    ["scope"] = x.Scope,
                    ["party"] = x.m.Observed.Party,
                    ["where"] = x.m.Observed.Place,
                    ["what"] = x.m.Observed.What,
                    ["from"] = x.m.Observed.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["to"] = x.m.Observed.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["observers"] = x.m.Observed.Estimates.Length,
                    ["min"] = x.m.Observed.Min,
                    ["median"] = x.m.Observed.Median,
                    ["max"] = x.m.Observed.Max,
                    ["low"] = x.m.Observed.Low,
                    ["high"] = double.IsFinite(x.m.Observed.High) ? x.m.Observed.High : null,
                    ["declared_deployed"] = x.Scope == "state" ? x.m.DeclaredDeployed : null,
                    ["deployments"] = x.Scope == "state"
                        ? new System.Text.Json.Nodes.JsonArray([.. x.m.Deployments.Select(d => (System.Text.Json.Nodes.JsonNode)d.Id.Value)])
                        : null,
                    ["activities"] = new System.Text.Json.Nodes.JsonArray([.. x.m.Activities.Select(a => (System.Text.Json.Nodes.JsonNode)a.Id.Value)]),
                    ["notices"] = new System.Text.Json.Nodes.JsonArray([.. x.m.Notices.Select(n => (System.Text.Json.Nodes.JsonNode)n.Id.Value)]),
                    ["unmatched"] = x.Scope == "state" ? x.m.Unmatched : null,
                })]);
                session.Output.WriteLine(new System.Text.Json.Nodes.JsonObject
                {
                    ["at"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["forces"] = json,
                }.ToJsonString());
                return 0;
            }

            var t = new TableView($"Observed {parse.GetValue(what)!} {from:yyyy-MM-dd}..{day:yyyy-MM-dd}",
                new Column("Party", ColumnKind.Id), new Column("Where", ColumnKind.Id), new Column("Scope", ColumnKind.Id), new Column("Observers", ColumnKind.Id),
                new Column("Min", ColumnKind.Id), new Column("Median", ColumnKind.Id), new Column("Max", ColumnKind.Id), new Column("Low–high", ColumnKind.Id),
                new Column("Declared deployed", ColumnKind.Id), new Column("Activities (notices)", ColumnKind.Id), new Column("Unmatched", ColumnKind.Id))
            {
                KeyColumns = 3,
                Empty = "no observation in the window",
            };
            foreach (var (scope, m) in matches)
            {
                var o = m.Observed;
                var state = scope == "state";
                t.Add(o.Party, o.Place, state ? "state-wide" : "local sightings", o.Estimates.Length.ToString(CultureInfo.InvariantCulture),
                    ObservationTable.Format(o.Min), ObservationTable.Format(o.Median), ObservationTable.Format(o.Max),
                    $"{ObservationTable.Format(o.Low)}–{ObservationTable.Format(o.High)}",
                    state ? ObservationTable.Format(m.DeclaredDeployed) : "—",
                    m.Activities.IsEmpty ? "—" : string.Join(", ", m.Activities.Select(a => a.Id.Value)) + $" ({m.Notices.Length})",
                    state ? ObservationTable.Format(m.Unmatched) : "—");
            }

            if (matches.Any(m => m.Scope == "local"))
            {
                t.Notes.Add("Local sightings are observations with coordinates: they count forces at a point, not in the whole state, so they are "
                            + "aggregated apart from state-wide estimates and not matched against the state's declared forces (—).");
            }

            session.Show(t, csv);
            return 0;
        }));
        return command;
    }

    /// <summary><c>observe series</c>: weekly build-up series by party and place.</summary>
    private static Command Series(CliOptions options)
    {
        var until = new Option<string?>("--until") { Description = "Last day to include (default: every observation)." };
        var what = new Option<string>("--what") { Description = "What is counted.", DefaultValueFactory = _ => "troops" };
        var party = new Option<string?>("--party") { Description = "Only this observed party." };
        var command = new Command("series", "Weekly build-up series (ISO weeks) by party and place, with the spread of estimates.")
        {
            until, what, party, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            DateOnly? last = parse.GetValue(until) is { } u ? Parse.Date(u, "--until") : null;
            var table = ObservationTable.From(session.Scenario.Observations, session.Atlas, last);
            var points = BuildUp.Weekly(table, parse.GetValue(what)!, last)
                .Where(p => parse.GetValue(party) is not { } only || p.Party == only).ToList();
            if (parse.GetValue(options.Json))
            {
                session.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(points.Select(p => new
                {
                    party = p.Party, where = p.Place, what = p.What, week = p.Week, monday = p.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    observers = p.Observers, min = p.Min, median = p.Median, max = p.Max, low = p.Low, high = double.IsFinite(p.High) ? p.High : (double?)null,
                })));
                return 0;
            }

            var t = new TableView("Build-up series by ISO week", new Column("Party", ColumnKind.Id), new Column("Where", ColumnKind.Id),
                new Column("Week", ColumnKind.Id), new Column("Observers", ColumnKind.Id), new Column("Min", ColumnKind.Id), new Column("Median", ColumnKind.Id),
                new Column("Max", ColumnKind.Id), new Column("Low–high", ColumnKind.Id))
            {
                KeyColumns = 3,
                Empty = "no observation",
            };
            foreach (var p in points)
            {
                t.Add(p.Party, p.Place, p.Week, p.Observers.ToString(CultureInfo.InvariantCulture), ObservationTable.Format(p.Min),
                    ObservationTable.Format(p.Median), ObservationTable.Format(p.Max), $"{ObservationTable.Format(p.Low)}–{ObservationTable.Format(p.High)}");
            }

            session.Show(t, csv);
            return 0;
        }));
        return command;
    }

    private static Command Import(CliOptions options)
    {
        var file = new Argument<string>("file") { Description = "A CSV or GeoJSON (.geojson, .json) observation file; see docs/verification.md." };
        var party = new Option<string?>("--party") { Description = "The monitor that signs the batches and observes rows without an 'observer'." };
        var size = new Option<int>("--batch-size") { Description = "Rows per batch statement.", DefaultValueFactory = _ => 100_000 };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var demo = RecordOptions.Demo();
        var command = new Command("import", "Validate an observation file and record it whole as observation-batch statements (nothing on error).")
        {
            file, party, size, db, keyring, demo, options.Json,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var path = parse.GetValue(file)!;
            if (!Core.InputFile.Exists(path))
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

            var monitor = monitorText is null ? Node.Librarian.LibrarianParty.Party : new PartyId(monitorText);
            var connection = session.Record ?? RecordOptions.DbPath(parse.GetValue(db));
            using var node = new RecordNode(connection, RecordOptions.KeyringPath(parse.GetValue(keyring)), parse.GetValue(demo));

            // A row may cite a source of the scenario, one the record states, or one the file declares.
            var known = new ObservationSources(session.Scenario.Sources.Keys.Select(k => k.Value).Concat(RecordProjection.RecordedSources(node)));
            ObservationRows rows;
            try
            {
                rows = ObservationFile.Read(path, monitorText, Environment.ProcessorCount, known);
            }
            catch (ObservationFileException e)
            {
                throw new UsageException(e.Message);
            }

            var result = monitorText is null
                ? Node.Librarian.LibrarianParty.ImportReports(node, rows, parse.GetValue(size), DateTimeOffset.UtcNow)
                : ObservationBatches.Import(node, rows, monitor, parse.GetValue(size), DateTimeOffset.UtcNow);
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
