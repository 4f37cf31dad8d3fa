using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>Findings as JSON (the stable shape documented in docs/cli.md), and what views read off a finding.</summary>
public static class FindingJson
{
    /// <summary>How a document stands on a date, as a stable word: <c>in-force</c>, <c>not-in-force</c>, <c>not-yet-issued</c>, <c>out-of-term</c>.</summary>
    public static string Standing(DocumentStanding s) => s switch
    {
        DocumentStanding.InForce => "in-force",
        DocumentStanding.Hypothetical => "not-in-force",
        DocumentStanding.NotYetIssued => "not-yet-issued",
        _ => "out-of-term",
    };

    /// <summary>One finding: clause, party, subject, status, whether hypothetical, explanation and evidence.</summary>
    public static JsonObject Of(Finding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new JsonObject
        {
            ["clause"] = f.Clause.ToString(),
            ["party"] = f.PartyCode,
            ["subject"] = Subject(f.Subject),
            ["status"] = Finding.Word(f.Status),
            ["hypothetical"] = f.Hypothetical,
            ["explanation"] = f.Explanation,
            ["evidence"] = new JsonArray([.. f.Evidence.Select(e => (JsonNode)Evidence(e))]),
        };
    }

    /// <summary>A finding's subject: kind and id, with the owner and host when it has them.</summary>
    public static JsonObject Subject(Subject s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var subject = new JsonObject { ["kind"] = s.Kind, ["id"] = s.Id };
        if (s.Owner is { } owner)
        {
            subject["owner"] = owner;
        }

        if (s.Host is { } host)
        {
            subject["host"] = host;
        }

        return subject;
    }

    /// <summary>
    /// One evidence item: the fact, its confidence and sources; its provenance when its kind has one; its Admiralty grades when
    /// the data gives them (<c>credibility</c> 1–6, <c>reliability</c> A–F by source, and the combined <c>grade</c>, e.g. "B2").
    /// </summary>
    public static JsonObject Evidence(EvidenceItem e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var o = new JsonObject
        {
            ["fact"] = e.Fact,
            ["confidence"] = e.Confidence,
            ["sources"] = new JsonArray([.. e.Sources.Select(s => (JsonNode)s)]),
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
    public static string EvidenceStanding(EvidenceItem e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.Join(", ", new[] { e.Confidence, e.Provenance, e.Grade }.Where(x => x is not null));
    }

    /// <summary>The count of each status among <paramref name="findings"/>, in status order, statuses without findings left out.</summary>
    public static JsonObject Counts(IEnumerable<Finding> findings)
    {
        var o = new JsonObject();
        foreach (var g in findings.GroupBy(f => f.Status).OrderBy(g => g.Key))
        {
            o[Finding.Word(g.Key)] = g.Count();
        }

        return o;
    }

    /// <summary>
    /// Where a finding is, when its subject has a place: a deployment's site (or its coordinates), an activity's first site, an
    /// observation's coordinates. A group subject (<c>a+b</c>) takes its first fact's place. Null for parties and clauses.
    /// </summary>
    public static GeoPoint? Place(Finding f, World world)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(world);
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
}
