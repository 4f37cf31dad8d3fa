using System.Text.Json.Nodes;
using Detente.Rules.Runtime;
using Spectre.Console;

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
        FindingStatus.Undetermined => "grey",
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
            ["clause"] = f.Clause,
            ["party"] = f.Party,
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

    public static void Table(IAnsiConsole console, string title, IEnumerable<Finding> findings)
    {
        var table = new Table().Title(Text.Escape(title)).AddColumns("Clause", "Party", "Subject", "Status", "Explanation");
        var quiet = new List<Finding>();
        foreach (var f in findings)
        {
            // Party-level 'complied' and 'not applicable' rows say the same thing many times; they are counted below the table.
            if (f.Subject.Kind == "party" && f.Status is FindingStatus.Complied or FindingStatus.NotApplicable)
            {
                quiet.Add(f);
                continue;
            }

            table.AddRow(Text.Escape(f.Clause), f.Party, Text.Escape($"{f.Subject.Kind} {f.Subject.Id}"),
                $"[{Colour(f.Status)}]{Status(f)}[/]", Text.Escape(f.Explanation));
        }

        console.Write(table);
        foreach (var g in quiet.GroupBy(f => (f.Clause, Word: Status(f))))
        {
            console.MarkupLine($"[grey]{Text.Escape(g.Key.Clause)}: {g.Key.Word} for {Text.Escape(string.Join(" ", g.Select(f => f.Party)))}[/]");
        }

        if (findings.Any(f => f.Hypothetical))
        {
            console.MarkupLine($"[grey]{Text.Escape(WouldLegend)}[/]");
        }
    }

    /// <summary>One cell of the matrix: the counts of each status, worst first; "would:" before those of a document not in force.</summary>
    public static string Cell(IEnumerable<Finding> findings, DocumentStanding standing = DocumentStanding.InForce)
    {
        var list = findings.ToList();
        if (list.Count == 0)
        {
            return "[grey50]—[/]";
        }

        if (standing == DocumentStanding.NotYetIssued)
        {
            return "[grey50]not yet issued[/]";
        }

        var parts = new List<string>();
        foreach (var s in new[] { FindingStatus.Violated, FindingStatus.Disputed, FindingStatus.Undetermined, FindingStatus.Complied })
        {
            var n = list.Count(f => f.Status == s);
            if (n > 0)
            {
                parts.Add($"[{Colour(s)}]{n} {Short(s)}[/]");
            }
        }

        if (parts.Count == 0)
        {
            return list.All(f => f.Status == FindingStatus.NotCheckable) ? "[grey50]not checkable[/]" : "[grey50]n/a[/]";
        }

        // Under a document not in force the counts are of what it would find: "would: 9 viol 18 ok".
        return (list.Any(f => f.Hypothetical) ? "would: " : "") + string.Join(" ", parts);
    }

    private static string Short(FindingStatus s) => s switch
    {
        FindingStatus.Violated => "viol",
        FindingStatus.Disputed => "disp",
        FindingStatus.Undetermined => "undet",
        _ => "ok",
    };
}
