using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Geo;
using Detente.Node.Appending;
using Detente.Node.Librarian;
using Detente.Node.Reports.Tables;
using Detente.Node.Projection;
using Detente.Verification.Alerts;
using Detente.Verification.Observations;

namespace Detente.Node.Reports.Verification;

/// <summary>Observed forces of one party in one place over a window, matched to what was declared.</summary>
/// <param name="StateWide">True for state-wide estimates (no coordinates), matched against the declarations; false for local sightings.</param>
/// <param name="Match">The aggregate and what matches it.</param>
public sealed record ForcesRow(bool StateWide, ForceMatch Match);

/// <summary>The border zone <c>observe forces --near</c> keeps sightings within: <paramref name="SideA"/> and <paramref name="SideB"/>, <paramref name="Km"/> wide.</summary>
/// <param name="SideA">The states on one side.</param>
/// <param name="SideB">The states on the other side.</param>
/// <param name="Km">The zone's width in kilometres.</param>
public sealed record NearBorder(IReadOnlyList<PartyId> SideA, IReadOnlyList<PartyId> SideB, double Km)
{
    /// <summary>Parses <c>A,B:C:KM</c> (e.g. <c>RUS,BLR:UKR:100</c>); anything else is refused.</summary>
    public static NearBorder Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3 || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var km) || km <= 0
            || parts[0].Split(',').Concat(parts[1].Split(',')).Any(p => !PartyId.IsValidCode(p)))
        {
            throw new NodeException($"--near: expected A,B:C:KM (e.g. RUS,BLR:UKR:100), found '{text}'");
        }

        return new([.. parts[0].Split(',').Select(p => new PartyId(p))], [.. parts[1].Split(',').Select(p => new PartyId(p))], km);
    }
}

/// <summary>
/// <c>observe forces</c>: each party's observed forces per place over a window up to a day, the spread of estimates, matched to
/// declarations. A state-wide estimate (no coordinates) and a sighting at a point measure different things: the two are aggregated
/// apart, and only state-wide estimates are matched against what the party declared in the state.
/// </summary>
/// <param name="At">The window's last day.</param>
/// <param name="From">The window's first day.</param>
/// <param name="What">What is counted: troops, a unit type or a system id.</param>
/// <param name="Rows">By party, place, then state-wide before local.</param>
public sealed record ForcesReport(DateOnly At, DateOnly From, string What, IReadOnlyList<ForcesRow> Rows)
{
    /// <summary>Builds the report over the <paramref name="windowDays"/> days up to <paramref name="day"/>, counting <paramref name="what"/>.</summary>
    public static ForcesReport Build(Scenario scenario, Atlas atlas, DateOnly day, int windowDays, string what, NearBorder? near)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(atlas);
        var from = day.AddDays(1 - Math.Max(1, windowDays));
        var table = ObservationTable.From(scenario.Observations, atlas, day);
        var whatId = table.Names.Find(what);
        var inside = near is null ? null : BuildUp.Within(table, atlas.BorderZone(near.SideA, near.SideB, near.Km).Contains);
        bool Include(int i) => table.What[i] == whatId && (inside is null || inside[i]);
        var world = scenario.At(day);
        var rows = BuildUp.Window(table, from, day, i => Include(i) && float.IsNaN(table.Lat[i])).Select(f => new ForcesRow(true, ForceMatching.Match(f, world)))
            .Concat(BuildUp.Window(table, from, day, i => Include(i) && !float.IsNaN(table.Lat[i])).Select(f => new ForcesRow(false, ForceMatching.Match(f, world))))
            .OrderBy(m => m.Match.Observed.Party, StringComparer.Ordinal).ThenBy(m => m.Match.Observed.Place, StringComparer.Ordinal)
            .ThenBy(m => m.StateWide ? 0 : 1).ToList();
        return new ForcesReport(day, from, what, rows);
    }

    /// <summary>The JSON form, as <c>observe forces --json</c> writes it.</summary>
    public JsonObject ToJson() => new()
    {
        ["at"] = At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["forces"] = new JsonArray([.. Rows.Select(r => (JsonNode)Json(r))]),
    };

    /// <summary>The table: a row per party, place and scope, with the spread of estimates and, for state-wide ones, what was declared and what is unmatched.</summary>
    public ReportTable Table()
    {
        var table = new ReportTable($"Observed {What} {From:yyyy-MM-dd}..{At:yyyy-MM-dd}", Column.Id("Party"), Column.Id("Where"), Column.Id("Scope"),
            Column.Id("Observers"), Column.Id("Min"), Column.Id("Median"), Column.Id("Max"), Column.Id("Low–high"), Column.Id("Declared deployed"),
            Column.Id("Activities (notices)"), Column.Id("Unmatched"))
        {
            KeyColumns = 3,
            Empty = "no observation in the window",
        };
        foreach (var (state, m) in Rows)
        {
            var o = m.Observed;
            table.Add(o.Party, o.Place, state ? "state-wide" : "local sightings", o.Estimates.Length.ToString(CultureInfo.InvariantCulture),
                ObservationTable.Format(o.Min), ObservationTable.Format(o.Median), ObservationTable.Format(o.Max),
                $"{ObservationTable.Format(o.Low)}–{ObservationTable.Format(o.High)}", state ? ObservationTable.Format(m.DeclaredDeployed) : "—",
                m.Activities.IsEmpty ? "—" : string.Join(", ", m.Activities.Select(a => a.Id.Value)) + $" ({m.Notices.Length})",
                state ? ObservationTable.Format(m.Unmatched) : "—");
        }

        if (Rows.Any(m => !m.StateWide))
        {
            table.Notes.Add("Local sightings are observations with coordinates: they count forces at a point, not in the whole state, so they are "
                            + "aggregated apart from state-wide estimates and not matched against the state's declared forces (—).");
        }

        return table;
    }

    private static JsonObject Json(ForcesRow row)
    {
        var (m, state) = (row.Match, row.StateWide);
        return new JsonObject
        {
            ["scope"] = state ? "state" : "local",
            ["party"] = m.Observed.Party,
            ["where"] = m.Observed.Place,
            ["what"] = m.Observed.What,
            ["from"] = m.Observed.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = m.Observed.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["observers"] = m.Observed.Estimates.Length,
            ["min"] = m.Observed.Min,
            ["median"] = m.Observed.Median,
            ["max"] = m.Observed.Max,
            ["low"] = m.Observed.Low,
            ["high"] = double.IsFinite(m.Observed.High) ? m.Observed.High : null,
            ["declared_deployed"] = state ? m.DeclaredDeployed : null,
            ["deployments"] = state ? new JsonArray([.. m.Deployments.Select(d => (JsonNode)d.Id.Value)]) : null,
            ["activities"] = new JsonArray([.. m.Activities.Select(a => (JsonNode)a.Id.Value)]),
            ["notices"] = new JsonArray([.. m.Notices.Select(n => (JsonNode)n.Id.Value)]),
            ["unmatched"] = state ? m.Unmatched : null,
        };
    }
}

/// <summary><c>observe series</c>: weekly (ISO week) build-up series by party and place, with the spread of estimates.</summary>
/// <param name="Points">The weeks, by party and place.</param>
public sealed record SeriesReport(IReadOnlyList<WeekPoint> Points)
{
    /// <summary>Builds the series of <paramref name="what"/> up to <paramref name="until"/> (every observation when null), of one observed party when given.</summary>
    public static SeriesReport Build(Scenario scenario, Atlas atlas, DateOnly? until, string what, string? party)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var table = ObservationTable.From(scenario.Observations, atlas, until);
        return new([.. BuildUp.Weekly(table, what, until).Where(p => party is null || p.Party == party)]);
    }

    /// <summary>The table: a row per party, place and ISO week, with the spread of estimates.</summary>
    public ReportTable Table()
    {
        var table = new ReportTable("Build-up series by ISO week", Column.Id("Party"), Column.Id("Where"), Column.Id("Week"), Column.Id("Observers"),
            Column.Id("Min"), Column.Id("Median"), Column.Id("Max"), Column.Id("Low–high"))
        {
            KeyColumns = 3,
            Empty = "no observation",
        };
        foreach (var p in Points)
        {
            table.Add(p.Party, p.Place, p.Week, p.Observers.ToString(CultureInfo.InvariantCulture), ObservationTable.Format(p.Min), ObservationTable.Format(p.Median),
                ObservationTable.Format(p.Max), $"{ObservationTable.Format(p.Low)}–{ObservationTable.Format(p.High)}");
        }

        return table;
    }

    /// <summary>The JSON form, as <c>observe series --json</c> writes it.</summary>
    public JsonArray ToJson() => [.. Points.Select(p => (JsonNode)new JsonObject
    {
        ["party"] = p.Party, ["where"] = p.Place, ["what"] = p.What, ["week"] = p.Week, ["monday"] = p.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["observers"] = p.Observers, ["min"] = p.Min, ["median"] = p.Median, ["max"] = p.Max, ["low"] = p.Low,
        ["high"] = double.IsFinite(p.High) ? p.High : null,
    })];
}

/// <summary>What <c>observe import</c> recorded: the file, the monitor that signed, and the batches written.</summary>
/// <param name="File">The observation file.</param>
/// <param name="Monitor">The party that signed the batches (the librarian when none was given).</param>
/// <param name="Imported">The rows, batches, log indices and digests.</param>
public sealed record ObservationImportReport(string File, PartyId Monitor, ObservationBatches.Imported Imported)
{
    /// <summary>
    /// Validates an observation file (CSV or GeoJSON) and records it whole as observation-batch statements, all or nothing: signed by
    /// <paramref name="monitor"/> as its own observations, or, when none is given, by the librarian as reported ones. A row may cite a
    /// source of the <paramref name="scenario"/> (read after the arguments are checked), one the record states, or one the file declares. The record is at <paramref name="connection"/>
    /// (created as a demo record when <paramref name="demo"/> and new).
    /// </summary>
    public static ObservationImportReport Import(string connection, string keyringPath, bool demo, Func<Scenario> scenario, string path, string? monitor,
        int batchSize, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!InputFile.Exists(path))
        {
            throw new NodeException($"{path}: no such file");
        }

        if (batchSize < 1)
        {
            throw new NodeException("--batch-size: expected a number from 1");
        }

        if (monitor is not null && !PartyId.IsValidCode(monitor))
        {
            throw new NodeException($"--party: '{monitor}' is not a party code");
        }

        using var node = new RecordNode(connection, keyringPath, demo);
        var known = new ObservationSources(scenario().Sources.Keys.Select(k => k.Value).Concat(RecordProjection.RecordedSources(node)));
        var rows = ObservationFile.Read(path, monitor, Environment.ProcessorCount, known);

        var imported = monitor is null
            ? LibrarianParty.ImportReports(node, rows, batchSize, now)
            : ObservationBatches.Import(node, rows, new PartyId(monitor), batchSize, now);
        return new(path, monitor is null ? LibrarianParty.Party : new PartyId(monitor), imported);
    }

    /// <summary>What was recorded, in one line for people: rows, batches, the monitor that signed, the log entries and the record's size.</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"recorded {Imported.Rows:N0} observations from {File} as {Imported.Batches} batch statement(s) signed by {Monitor} " +
        $"(log entries {Imported.FirstIndex}..{Imported.Size - 1}); record size {Imported.Size}");

    /// <summary>The JSON form, as <c>observe import --json</c> writes it.</summary>
    public JsonObject ToJson() => new()
    {
        ["file"] = File, ["rows"] = Imported.Rows, ["batches"] = Imported.Batches, ["first_index"] = Imported.FirstIndex, ["size"] = Imported.Size,
        ["sha256"] = new JsonArray([.. Imported.Digests.Select(d => (JsonNode)d)]),
    };
}
