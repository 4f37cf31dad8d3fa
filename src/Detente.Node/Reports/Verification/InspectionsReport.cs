using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Rules;
using Detente.Node.Reports.Tables;
using Detente.Rules.Runtime;
using Detente.Verification.Inspections;
using Detente.Verification.Steps;

namespace Detente.Node.Reports.Verification;

/// <summary>One inspection as it stands at a day: only the steps taken by then count.</summary>
/// <param name="Case">The inspection.</param>
/// <param name="Day">The day it is seen at.</param>
public sealed record InspectionRow(InspectionCase Case, DateOnly Day)
{
    /// <summary>The answer, if given by the day.</summary>
    public InspectionAnswerStep? Answer => Case.Answer is { } a && a.At.Day <= Day ? a : null;

    /// <summary>True when no answer was given and the answer's deadline has passed by the day.</summary>
    public bool Overdue => Answer is null && Case.AnswerDue is { } due && due.IsPastOn(Day);

    /// <summary>The answer in words: pending, overdue, accepted or refused with its reason, and "(late)" when it came after its deadline.</summary>
    public string AnswerText => Answer is not { } a ? Overdue ? "overdue" : "pending"
        : (a.Accepted ? "accepted" : $"refused: {a.Reason ?? ""}") + (Case.AnsweredLate ? " (late)" : "");

    /// <summary>True when the answer is overdue, a refusal, or late: what a view marks.</summary>
    public bool AnswerFlagged => Answer is { } a ? !a.Accepted || Case.AnsweredLate : Overdue;

    /// <summary>The visit, if made by the day.</summary>
    public InspectionVisitStep? Visit => Case.Visit is { } v && v.At.Day <= Day ? v : null;

    /// <summary>The report, if made by the day.</summary>
    public InspectionReportStep? Report => Case.Report is { } r && r.At.Day <= Day ? r : null;

    /// <summary>The countersignature or dissent, if given by the day.</summary>
    public InspectionResponseStep? Response => Case.Response is { } s && s.At.Day <= Day ? s : null;

    /// <summary>The stage's word: requested, refused, accepted, visited, reported, countersigned or dissented.</summary>
    public string Stage => InspectionsReport.StageWord(Case.StageOn(Day));

    /// <summary>The JSON form of one inspection in <c>inspections list --json</c>.</summary>
    public JsonObject ToJson()
    {
        var c = Case;
        var q = c.Request;
        var node = new JsonObject
        {
            ["id"] = q.Id,
            ["regime"] = c.Regime.Id,
            ["hypothetical"] = c.Regime.Hypothetical,
            ["side"] = c.Side.Id,
            ["inspecting"] = q.Author.Code,
            ["receiving"] = q.Receiving.Code,
            ["site"] = q.Site?.Value,
            ["area"] = q.Area,
            ["requested"] = q.At.ToString(),
            ["visit_from"] = q.VisitFrom.ToString(),
            ["year"] = c.Year,
            ["answer_due"] = c.AnswerDue?.ToString(),
            ["stage"] = Stage,
            ["record_index"] = q.RecordIndex,
            ["sources"] = new JsonArray([.. q.Sources.Select(v => (JsonNode)v)]),
            ["answer"] = Answer is { } a
                ? new JsonObject { ["at"] = a.At.ToString(), ["accepted"] = a.Accepted, ["reason"] = a.Reason, ["late"] = c.AnsweredLate }
                : null,
        };
        node["overdue"] = Overdue;
        if (Visit is { } v)
        {
            node["visit"] = new JsonObject { ["from"] = v.From.ToString(), ["to"] = v.To.ToString(), ["team_size"] = v.TeamSize };
        }

        if (Report is { } r)
        {
            node["report"] = new JsonObject
            {
                ["at"] = r.At.ToString(),
                ["items"] = new JsonArray([.. r.Items.Select(i => (JsonNode)new JsonObject
                {
                    ["check"] = i.Check, ["text"] = i.Text, ["present"] = i.Present, ["count"] = i.Count,
                })]),
            };
        }

        if (Response is { } s)
        {
            node["response"] = new JsonObject
            {
                ["at"] = s.At.ToString(),
                ["countersigned"] = s.Countersigned,
                ["reason"] = s.Reason,
                ["items"] = new JsonArray([.. s.Items.Select(i => (JsonNode)i)]),
                ["late"] = c.RespondedLate,
            };
        }

        return node;
    }
}

/// <summary><c>inspections list</c>: the inspections requested by a day, the findings of their reports, and the steps the state machine refused.</summary>
/// <param name="At">The day.</param>
/// <param name="From">Where the history came from.</param>
/// <param name="Rows">The inspections requested by the day.</param>
/// <param name="Findings">Findings of the reports about the inspected sites, against declarations.</param>
/// <param name="Rejected">Steps of the history the state machine refused, with the reason.</param>
public sealed record InspectionsReport(DateOnly At, string From, IReadOnlyList<InspectionRow> Rows, IReadOnlyList<Finding> Findings,
    IReadOnlyList<(Step Step, string Reason)> Rejected)
{
    /// <summary>Builds the report at <paramref name="day"/>, of one regime when <paramref name="regime"/> is given (an unknown regime is refused).</summary>
    public static InspectionsReport Build(VerificationHistory history, DateOnly day, string? regime)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (regime is not null && history.Regimes.Find(regime) is null)
        {
            throw new NodeException($"--regime: unknown regime '{regime}'{Spelling.Suggestion(regime, history.Regimes.All.Select(r => r.Id))}");
        }

        var cases = history.Ledger.Inspections.Where(c => c.Request.At.Day <= day && (regime is null || c.Regime.Id == regime)).ToList();
        var findings = VerificationFindings.At(history.Ledger, day)
            .Where(f => f.Subject.Kind == "site" && cases.Any(c => c.Request.Site?.Value == f.Subject.Id)).ToList();
        return new InspectionsReport(day, history.From, [.. cases.Select(c => new InspectionRow(c, day))], findings, history.Ledger.Rejected);
    }

    /// <summary>
    /// The inspections' table: a row per request with its regime (hypothetical ones marked), sides, site, dates, answer (flagged when
    /// overdue, refused or late), visit, report and stage.
    /// </summary>
    public ReportTable Table()
    {
        var table = new ReportTable($"Inspections on {At:yyyy-MM-dd} ({From})", Column.Id("Request"), Column.Id("Regime"), Column.Id("Inspecting → receiving"),
            Column.Id("Site"), Column.Id("Requested"), Column.Id("Answer due"), new("Answer"), Column.Id("Visit"), Column.Id("Report"), Column.Id("Stage"))
        {
            Empty = $"no inspection requested by {At:yyyy-MM-dd}",
        };
        foreach (var row in Rows)
        {
            var c = row.Case;
            table.Add(c.Request.Id, Regime(c.Regime.Id, c.Regime.Hypothetical), Sides($"{c.Request.Author} → {c.Request.Receiving}"),
                c.Request.Site?.Value ?? c.Request.Area ?? "", c.Request.At.ToString(), c.AnswerDue?.ToString() ?? "", new Cell(row.AnswerText, row.AnswerFlagged ? "red" : null),
                row.Visit is { } v ? $"{v.From} – {v.To}" : "", row.Report is { } r ? $"{r.Items.Length} items" : "", row.Stage);
        }

        table.Totals.Add($"{Rows.Count} inspection request(s) by {At:yyyy-MM-dd}");
        return table;
    }

    /// <summary>
    /// The report for people: the inspections (the table CSV writes), the findings of their reports when there are any, and a red
    /// line for each step that was ignored.
    /// </summary>
    public ReportPage Page()
    {
        var page = ReportPage.Of(Table(), "inspections");
        if (Findings.Count > 0)
        {
            page.Add(null, FindingTables.Table("Findings of inspection reports against declarations", [.. Findings]));
        }

        foreach (var line in RejectedLines())
        {
            page.Line(line, "red");
        }

        return page;
    }

    /// <summary>The steps of the history the state machine refused, a line each.</summary>
    public IEnumerable<string> RejectedLines() => Rejected.Select(r => $"ignored {r.Step.Where}: {r.Step.Kind.WireName()}: {r.Reason}");

    /// <summary>The reciprocity balance's table: a row per regime, year and inspected side, with the counts of each step and the quota left.</summary>
    public static ReportTable BalanceTable(VerificationHistory history, IReadOnlyList<BalanceRow> rows, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new ReportTable($"Reciprocity balance on {day:yyyy-MM-dd} ({history.From})", Column.Id("Regime"), Column.Id("Year"), Column.Id("Side (inspected)"),
            Column.Id("Inspecting → receiving"), Column.Id("Requested"), Column.Id("Accepted"), Column.Id("Refused"), Column.Id("Pending"), Column.Id("Late answers"),
            Column.Id("Visits"), Column.Id("Reports"), Column.Id("Countersigned"), Column.Id("Dissented"), Column.Id("Quota left"))
        {
            KeyColumns = 3,
            Empty = "no inspection in any year up to the date",
        };
        foreach (var r in rows)
        {
            table.Add(Regime(r.Regime, history.Regimes.Find(r.Regime)?.Hypothetical == true), I(r.Year), r.Side,
                Sides($"{string.Join(",", r.Inspecting.Select(p => p.Code))} → {string.Join(",", r.Receiving.Select(p => p.Code))}"),
                I(r.Requested), I(r.Accepted), I(r.Refused), I(r.Pending), I(r.AnsweredLate), I(r.Visits), I(r.Reports), I(r.Countersigned), I(r.Dissented),
                r.QuotaRemaining is { } q ? I(q) : "—");
        }

        return table;
    }

    private static Cell Regime(string id, bool hypothetical) => new(id + (hypothetical ? " (HYPOTHETICAL)" : ""), hypothetical ? "yellow" : null);

    /// <summary>"A → B" kept on one line in a table (no-break spaces around the arrow), plain in CSV.</summary>
    internal static Cell Sides(string sides) => new(sides.Replace(" → ", "\u00a0→\u00a0", StringComparison.Ordinal), Whole: sides);

    private static string I(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The word for a stage.</summary>
    public static string StageWord(InspectionStage s) => s switch
    {
        InspectionStage.Requested => "requested",
        InspectionStage.Refused => "refused",
        InspectionStage.Accepted => "accepted",
        InspectionStage.Visited => "visited",
        InspectionStage.Reported => "reported",
        InspectionStage.Countersigned => "countersigned",
        _ => "dissented",
    };

    /// <summary>The JSON form, as <c>inspections list --json</c> writes it.</summary>
    public JsonObject ToJson() => new()
    {
        ["at"] = FactWriter.Day(At),
        ["from"] = From,
        ["inspections"] = new JsonArray([.. Rows.Select(r => (JsonNode)r.ToJson())]),
        ["findings"] = new JsonArray([.. Findings.Select(f => (JsonNode)FindingJson.Of(f))]),
        ["rejected"] = new JsonArray([.. Rejected.Select(r => (JsonNode)new JsonObject { ["where"] = r.Step.Where, ["kind"] = r.Step.Kind.WireName(), ["reason"] = r.Reason })]),
    };

    /// <summary>The reciprocity balance rows at <paramref name="day"/> in JSON, as <c>inspections balance --json</c> writes them.</summary>
    public static JsonObject BalanceJson(VerificationHistory history, IReadOnlyList<BalanceRow> rows, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new()
        {
            ["at"] = FactWriter.Day(day),
            ["from"] = history.From,
            ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["regime"] = r.Regime, ["year"] = r.Year, ["side"] = r.Side,
                ["inspecting"] = FactWriter.Codes(r.Inspecting), ["receiving"] = FactWriter.Codes(r.Receiving),
                ["requested"] = r.Requested, ["accepted"] = r.Accepted, ["refused"] = r.Refused, ["pending"] = r.Pending,
                ["answered_late"] = r.AnsweredLate, ["visits"] = r.Visits, ["reports"] = r.Reports,
                ["countersigned"] = r.Countersigned, ["dissented"] = r.Dissented, ["quota_remaining"] = r.QuotaRemaining,
            })]),
        };
    }
}
