using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
using Detente.Core;
using Detente.Rules.Runtime;

namespace Detente.Cli.Commands;

/// <summary>How findings are shown: a table for people, stable JSON for machines (docs/cli.md).</summary>
internal static class FindingsView
{
    public static string Status(FindingStatus s) => Finding.Word(s);

    /// <summary>The status as shown to people: "would violate", "would comply", ... when the finding is hypothetical.</summary>
    public static string Status(Finding f) => f.StatusWord;

    /// <summary>The legend line for hypothetical findings, shown under a view that has any.</summary>
    public const string WouldLegend =
        "would …: the document is not in force on the date (a draft or proposal); its findings say what it would find if it applied (would violate, would comply)";

    /// <summary>How a document stands on a date, in words for tables and as a stable word for JSON.</summary>
    public static string Standing(DocumentStanding s) => s switch
    {
        DocumentStanding.InForce => "in-force",
        DocumentStanding.Hypothetical => "not-in-force",
        DocumentStanding.NotYetIssued => "not-yet-issued",
        _ => "out-of-term",
    };

    public static string Colour(FindingStatus s) => s switch
    {
        FindingStatus.Complied => "green",
        FindingStatus.Violated => "red",
        FindingStatus.Disputed => "yellow",
        FindingStatus.Undetermined or FindingStatus.NotReported => "grey",
        _ => "grey50",
    };

    public static JsonObject Json(Finding f)
    {
        var subject = new JsonObject { ["kind"] = f.Subject.Kind, ["id"] = f.Subject.Id };
        if (f.Subject.Owner is { } owner)
        {
            subject["owner"] = owner;
        }

        if (f.Subject.Host is { } host)
        {
            subject["host"] = host;
        }

        return new JsonObject
        {
            ["clause"] = f.Clause.ToString(),
            ["party"] = f.PartyCode,
            ["subject"] = subject,
            ["status"] = Status(f.Status),
            ["hypothetical"] = f.Hypothetical,
            ["explanation"] = f.Explanation,
            ["evidence"] = new JsonArray(f.Evidence.Select(e => (JsonNode)Evidence(e)).ToArray()),
        };
    }

    /// <summary>
    /// One evidence item: the fact, its confidence and sources; its provenance when its kind has one; its Admiralty grades when
    /// the data gives them (<c>credibility</c> 1–6, <c>reliability</c> A–F by source, and the combined <c>grade</c>, e.g. "B2").
    /// </summary>
    public static JsonObject Evidence(EvidenceItem e)
    {
        var o = new JsonObject
        {
            ["fact"] = e.Fact,
            ["confidence"] = e.Confidence,
            ["sources"] = new JsonArray(e.Sources.Select(s => (JsonNode)s).ToArray()),
        };
        if (e.Provenance is { } provenance)
        {
            o["provenance"] = provenance;
        }

        if (e.Credibility is { } credibility)
        {
            o["credibility"] = credibility;
        }

        if (!e.Reliability.IsEmpty)
        {
            o["reliability"] = new JsonObject(e.Reliability.Select(r => KeyValuePair.Create(r.Source, (JsonNode?)r.Grade.ToString())));
        }

        if (e.Grade is { } grade)
        {
            o["grade"] = grade;
        }

        return o;
    }

    /// <summary>How an evidence item's standing reads after its fact in a table or an explanation: "verified, reported, B2".</summary>
    public static string EvidenceStanding(EvidenceItem e) =>
        string.Join(", ", new[] { e.Confidence, e.Provenance, e.Grade }.Where(x => x is not null));

    /// <summary>
    /// Where a finding is, when its subject has a place: a deployment's site (or its coordinates), an activity's first site, an
    /// observation's coordinates. A group subject (<c>a+b</c>) takes its first fact's place. Null for parties and clauses.
    /// </summary>
    public static GeoPoint? Place(Finding f, World world)
    {
        var scenario = world.Scenario;
        var id = f.Subject.Id.Split('+')[0];
        GeoPoint? SiteAt(SiteId? site) => site is { } s && scenario.Sites.TryGetValue(s, out var found) ? found.Location : null;
        return f.Subject.Kind switch
        {
            "deployment" => scenario.Deployments.FirstOrDefault(d => d.Id.Value == id) is { } d ? SiteAt(d.Site) ?? d.Location : null,
            "activity" => scenario.Activities.FirstOrDefault(a => a.Id.Value == id) is { } a && a.Sites.Length > 0 ? SiteAt(a.Sites[0]) : null,
            "observation" => scenario.Observations.FirstOrDefault(o => o.Id.Value == id)?.Location,
            _ => null,
        };
    }

    /// <summary>The findings that have a place, as GeoJSON points with the finding in the properties; the others are counted.</summary>
    public static void GeoJson(TextWriter output, IReadOnlyList<Finding> findings, World world)
    {
        var placed = findings.Select(f => (Finding: f, Place: Place(f, world))).Where(x => x.Place is not null).ToList();
        Rendering.GeoJson.Write(output, placed.Select(x => Rendering.GeoJson.Point(x.Place!.Value, Json(x.Finding))), new System.Text.Json.Nodes.JsonObject
        {
            ["at"] = JsonShapes.Day(world.At),
            ["findings"] = findings.Count,
            ["placed"] = placed.Count,
            ["note"] = "Findings about parties, clauses and facts without a site or coordinates have no place and are not features.",
        });
    }

    /// <summary>The legend of the status words and marks in finding tables.</summary>
    public const string TableLegend =
        "Status: complied, violated, disputed (the deciding sources disagree), undetermined (data missing), not-reported (an obligation past " +
        "due with nothing on record that bears on it: absence of evidence, not a breach), not-applicable (document not in force " +
        "or its condition does not hold), not-checkable (no machine can decide the clause; party * stands for every party it binds, listed in the explanation).";

    /// <summary>The findings of one agreement (or several) as a table; identical rows for several parties are one row.</summary>
    public static TableView Table(string title, IEnumerable<Finding> findings)
    {
        var table = new TableView(title, new Column("Clause", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Subject", ColumnKind.Id),
            new Column("Status", ColumnKind.Id), new Column("Explanation"))
        {
            KeyColumns = 3,
            Empty = "no findings",
        };
        var quiet = new List<Finding>();
        var all = findings.ToList();
        foreach (var f in all)
        {
            // Party-level 'complied' and 'not applicable' rows say the same thing many times; they are counted under the table.
            if (f.Subject.Kind == "party" && f.Status is FindingStatus.Complied or FindingStatus.NotApplicable)
            {
                quiet.Add(f);
                continue;
            }

            table.Add(f.Clause.ToString(), f.PartyCode, $"{f.Subject.Kind} {f.Subject.Id}", new Cell(Status(f), Colour(f.Status)), f.Explanation);
        }

        table.Totals.Add(Totals(all));
        foreach (var g in quiet.GroupBy(f => (f.Clause, Word: Status(f))))
        {
            table.Notes.Add($"{g.Key.Clause}: {g.Key.Word} for {string.Join(" ", g.Select(f => f.PartyCode))} (nothing of theirs matches)");
        }

        table.Notes.Add(TableLegend);
        if (all.Any(f => f.Hypothetical))
        {
            table.Notes.Add(WouldLegend);
        }
        return table;
    }

    /// <summary>
    /// "12 findings: 1 violated, 2 disputed, …", every status with at least one finding, worst first; how many of them are
    /// hypothetical (of a document not in force: "would violate") is said beside each.
    /// </summary>
    public static string Totals(IReadOnlyCollection<Finding> findings) =>
        $"{findings.Count} findings" + (findings.Count == 0
            ? ""
            : ": " + string.Join(", ", Order.Where(s => findings.Any(f => f.Status == s)).Select(s =>
            {
                var hypothetical = findings.Count(f => f.Status == s && f.Hypothetical);
                return $"{findings.Count(f => f.Status == s)} {Status(s)}" + (hypothetical > 0 ? $" ({hypothetical} would)" : "");
            })));

    /// <summary>The statuses, worst first.</summary>
    public static readonly FindingStatus[] Order =
    [
        FindingStatus.Violated, FindingStatus.Disputed, FindingStatus.NotReported, FindingStatus.Undetermined, FindingStatus.Complied,
        FindingStatus.NotApplicable, FindingStatus.NotCheckable,
    ];

    /// <summary>The short words of matrix cells, explained by <see cref="MatrixLegend"/>.</summary>
    public static string Short(FindingStatus s) => s switch
    {
        FindingStatus.Violated => "viol",
        FindingStatus.Disputed => "disp",
        FindingStatus.NotReported => "n/rep",
        FindingStatus.Undetermined => "undet",
        FindingStatus.Complied => "ok",
        FindingStatus.NotApplicable => "n/a",
        _ => "n/chk",
    };

    /// <summary>The legend printed under every compliance matrix.</summary>
    public const string MatrixLegend =
        "Legend: each cell counts the party's findings under the document by status: viol = violated, disp = disputed (the deciding sources " +
        "disagree), n/rep = not reported (an obligation past due with nothing on record that bears on it: absence of evidence, not a breach), " +
        "undet = undetermined (data missing), ok = complied, n/a = not applicable (the document is not in force on the date, or a " +
        "clause's condition does not hold), n/chk = clauses binding the party that no machine can check (bound, but not checkable); " +
        "— = the document does not bind the party on the date; would: = counts of what a document not in force would find; " +
        "not yet issued = the date is before the document's own.";

    /// <summary>One cell of the matrix: the counts of each status, worst first, coloured by the worst; "—" when the party is not bound.</summary>
    public static Cell MatrixCell(IReadOnlyCollection<Finding> findings, int notCheckable, DocumentStanding standing = DocumentStanding.InForce)
    {
        if (findings.Count == 0 && notCheckable == 0)
        {
            return new Cell("—", "grey50");
        }

        if (standing == DocumentStanding.NotYetIssued)
        {
            return new Cell("not yet issued", "grey50");
        }

        var parts = new List<string>();
        var whole = new List<string>();
        FindingStatus? worst = null;
        foreach (var s in Order)
        {
            var n = s == FindingStatus.NotCheckable ? notCheckable : findings.Count(f => f.Status == s);
            if (n > 0)
            {
                // A no-break space keeps a count with its word when the cell wraps; CSV gets a plain space.
                parts.Add($"{n}\u00a0{Short(s)}");
                whole.Add($"{n} {Short(s)}");
                worst ??= s;
            }
        }

        // Under a document not in force the counts are of what it would find: "would: 9 viol 18 ok".
        var would = findings.Any(f => f.Hypothetical) ? "would: " : "";
        return new Cell(would + string.Join(" ", parts), Colour(worst!.Value), would + string.Join(" ", whole));
    }
}
