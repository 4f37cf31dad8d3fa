using System.Globalization;
using System.Text.RegularExpressions;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>One step of an explanation: a line about the clause, a step of its condition's trace, or a finding with its evidence.</summary>
/// <param name="Text">What the step says (several lines for claims and findings).</param>
/// <param name="Trace">True for a step of the condition's trace.</param>
/// <param name="Finding">The finding the step shows; null for the other steps.</param>
public sealed record ExplainStep(string Text, bool Trace = false, Finding? Finding = null);

/// <summary>
/// What <c>detente explain CLAUSE --subject ID --at DATE</c> shows: why a clause gives the status it gives for one subject, step
/// by step — the document, article and clause, who it binds, the parameters it reads, the trace of its condition, the claims of
/// the figures it reads (every claim, with its sources), and the findings with their evidence.
/// </summary>
/// <param name="Steps">The steps in order.</param>
public sealed record ExplainReport(IReadOnlyList<ExplainStep> Steps)
{
    /// <summary>The steps of <paramref name="x"/>, worded with the sources of <paramref name="scenario"/>.</summary>
    public static ExplainReport Build(ClauseExplanation x, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(scenario);
        var a = x.Agreement;
        var steps = new List<ExplainStep>
        {
            new($"Document {a.Id} — {a.Title} ({a.Kind}, {a.Date:yyyy-MM-dd})."),
            new($"Article {x.Article.Number}: {x.Article.Paraphrase}"),
            new($"Clause {x.Clause.Id} ({x.Clause.Kind}): {x.Clause.Statement}"),
            new($"Bound on {x.Day:yyyy-MM-dd}: {x.Bound}{(x.IncludingAlliances ? ", including forces deployed in the framework of their alliances" : "")}."),
        };
        foreach (var p in x.Parameters)
        {
            var origin = p.Set ? $"set with --param; the default is {p.Default}" : $"the default, {p.Default}";
            steps.Add(new($"Parameter {p.Name} ({p.Type}) = {Show(p.Value, p.Type)} ({origin}): {p.Documentation}"));
        }

        if (x.Parameters.Count == 0 && x.DocumentParameters > 0)
        {
            steps.Add(new($"The clause uses none of the document's {x.DocumentParameters} parameters."));
        }

        if (x.SubjectKind is { } kind && kind != x.Over)
        {
            steps.Add(new($"{x.Subject} is {Describe(kind)}; the clause ranges over {Describe(x.Over)}, so its condition is not evaluated on it."));
        }

        if (x.Findings.Count == 0)
        {
            steps.Add(new($"No finding of this clause is about '{x.Subject ?? ""}' on {x.Day:yyyy-MM-dd}: it does not match the clause's condition, or no bound party is responsible for it."));
        }

        steps.AddRange(x.Trace.Select(line => new ExplainStep(line, Trace: true)));
        if (x.SubjectFact is { } fact)
        {
            foreach (var (what, claims, unit) in ClaimsRead(scenario, x.FieldsRead, fact))
            {
                steps.Add(new(string.Join("\n", [$"Claims for {what}, as the data gives them:", .. claims.Select(c => ClaimLine(c.Claim, unit, c.Evidence, scenario))])));
            }
        }

        foreach (var f in x.Findings)
        {
            var about = f.Subject.Kind == "party" && f.Subject.Id == f.PartyCode ? "Finding" : $"Finding about {f.Subject.Kind} {f.Subject.Id}";
            steps.Add(new(string.Join("\n", [$"{about}: {f.Explanation}",
                .. f.Evidence.Select(e => $"evidence {e.Fact} ({FindingJson.EvidenceStanding(e)}): {string.Join("; ", e.Sources)}")]), Finding: f));
        }

        return new ExplainReport(steps);
    }

    /// <summary>
    /// The steps as a table, numbered in order. For people (<paramref name="grouped"/>) findings that differ only in their party
    /// (its code in the explanation included) are one row listing the parties, whose explanation says "each party" where the code
    /// stood; the numbers count the rows shown. A finding's status keeps its words together (no-break spaces) in the table.
    /// </summary>
    public ReportTable Table(bool grouped = true)
    {
        var rows = Steps.Select(s => s.Finding is { } f
            ? new Cell[] { "", f.PartyCode, new(f.StatusWord.Replace(' ', '\u00a0'), FindingTables.Colour(f.Status), f.StatusWord), s.Text }
            : ["", "", "", new Cell(s.Text, s.Trace ? "grey" : null)]).ToList();
        if (!grouped)
        {
            return Numbered(rows);
        }

        const string Mark = "\u0001";
        var templated = rows.Select(r => r[1].Text.Length == 0 ? r
            : [r[0], r[1], r[2], new Cell(Regex.Replace(r[3].Text, $@"\b{Regex.Escape(r[1].Text)}\b", Mark), r[3].Style)]);
        return Numbered(Numbered(templated, number: false).GroupedBy(1, "parties").Rows.Select(r => (Cell[])[r[0], r[1], r[2],
            new Cell(r[3].Text.Replace(Mark, r[1].Text.Contains(' ', StringComparison.Ordinal) ? "each party" : r[1].Text, StringComparison.Ordinal), r[3].Style)]));
    }

    private static ReportTable Numbered(IEnumerable<Cell[]> rows, bool number = true)
    {
        var table = new ReportTable(null, Column.Id("Step"), Column.Id("Party"), Column.Id("Status"), new Column("Explanation"));
        var n = 0;
        foreach (var row in rows)
        {
            table.Add([number ? (++n).ToString(CultureInfo.InvariantCulture) : "", .. row.Skip(1)]);
        }

        return table;
    }

    private static string Show(object? value, string type) => value switch
    {
        null => "none",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double v => Claim.Format(v) + Unit(type),
        int v => Claim.Format(v) + Unit(type),
        long v => Claim.Format(v) + Unit(type),
        _ => value.ToString() ?? "",
    };

    private static string Unit(string type) => type switch
    {
        "km" => " km",
        "days" => " days",
        _ => "",
    };

    private static string Describe(FactKind kind) => kind switch
    {
        FactKind.Activity => "an activity",
        FactKind.Membership => "a membership",
        FactKind.Notification => "a notification",
        FactKind.Observation => "an observation",
        _ => "a deployment",
    };

    /// <summary>The figures of the subject the clause reads (its quantity or troops, its system's range), each with every claim.</summary>
    private static IEnumerable<(string What, IReadOnlyList<(Claim Claim, Evidence Evidence)> Claims, string Unit)> ClaimsRead(
        Scenario scenario, IReadOnlySet<string> fields, object fact)
    {
        static List<(Claim, Evidence)> Of(Quantity q, Evidence fallback) => [.. q.Claims.Select(c => (c, c.Evidence ?? fallback))];
        switch (fact)
        {
            case Deployment d:
                if (fields.Contains("quantity"))
                {
                    yield return ($"the quantity of {d.Id.Value}", Of(d.Quantity, d.Evidence), " " + Vocabulary.WordFor(d.Unit));
                }

                if (fields.Contains("range") && d.System is { } sid && scenario.Systems.TryGetValue(sid, out var system))
                {
                    if (system.RangeKm is { } range)
                    {
                        yield return ($"the range of {sid.Value}", Of(range, system.Evidence), " km");
                    }

                    foreach (var fire in system.Fires)
                    {
                        if (scenario.Systems.TryGetValue(fire.System, out var fired) && fired.RangeKm is { } firedRange)
                        {
                            yield return ($"the range of {fired.Id.Value}, which {sid.Value} fires ({Vocabulary.WordFor(fire.Evidence.Confidence)}: "
                                          + $"{string.Join(", ", fire.Evidence.Sources.Select(r => r.Source.Value))})", Of(firedRange, fired.Evidence), " km");
                        }
                    }
                }

                break;
            case Activity a when fields.Contains("troops") && a.Troops is { } troops:
                yield return ($"the troops of {a.Id.Value}", Of(troops, a.Evidence), " troops");
                break;
            case Notification n when fields.Contains("troops") && n.Troops is { } troops:
                yield return ($"the troops notified in {n.Id.Value}", Of(troops, n.Evidence), " troops");
                break;
            case Observation o when fields.Contains("quantity"):
                yield return ($"the quantity of {o.Id.Value}", Of(o.Quantity, o.Evidence), " " + o.What);
                break;
        }
    }

    /// <summary>"- at least 501 km — by no party named; disputed; note: unconfirmed reports …; sources: interia-iskander (Interia)".</summary>
    public static string ClaimLine(Claim c, string unit, Evidence evidence, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(scenario);
        var value = (c.Min, c.Max) switch
        {
            ({ } lo, { } hi) when lo == hi => $"{Claim.Format(lo)}{unit}",
            ({ } lo, { } hi) => $"between {Claim.Format(lo)} and {Claim.Format(hi)}{unit}",
            ({ } lo, null) => $"at least {Claim.Format(lo)}{unit}",
            (null, { } hi) => $"up to {Claim.Format(hi)}{unit}",
            _ => "no figure",
        };
        var sources = string.Join(", ", evidence.Sources.Select(r =>
            scenario.Sources.TryGetValue(r.Source, out var source) ? $"{r} ({source.Publisher})" : r.ToString()));
        return $"- {value} — by {(c.By is { } by ? by.Code : "no party named")}; {Vocabulary.WordFor(evidence.Confidence)}"
               + (c.Note is { } note ? $"; note: {note}" : "") + $"; sources: {sources}";
    }
}
