using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>How facts appear as the subjects of findings: kind, id, owner and host, and a short description.</summary>
internal static class Subjects
{
    public static string KindOf(object fact) => fact switch
    {
        Deployment => "deployment",
        Activity => "activity",
        Membership => "membership",
        Notification => "notification",
        Observation => "observation",
        _ => "fact",
    };

    /// <summary>The kind of the subjects of findings about facts of this kind.</summary>
    public static string KindOf(Ast.FactKind kind) => kind switch
    {
        Ast.FactKind.Deployment => "deployment",
        Ast.FactKind.Activity => "activity",
        Ast.FactKind.Membership => "membership",
        Ast.FactKind.Notification => "notification",
        _ => "observation",
    };

    public static string IdOf(object fact) => fact switch
    {
        Deployment d => d.Id.Value,
        Activity a => a.Id.Value,
        Membership m => m.Id.Value,
        Notification n => n.Id.Value,
        Observation o => o.Id.Value,
        _ => fact.ToString() ?? "",
    };

    /// <summary>Where a fact comes from (declared, reported, observed, inspected), for the kinds that say; null for the others.</summary>
    public static string? ProvenanceOf(object fact) => fact switch
    {
        Deployment d => Checking.Schema.WordOf(d.Provenance),
        Observation o => Checking.Schema.WordOf(o.Provenance),
        Consent c => Checking.Schema.WordOf(c.Provenance),
        _ => null,
    };

    public static Evidence EvidenceOf(object fact) => fact switch
    {
        Deployment d => d.Evidence,
        Activity a => a.Evidence,
        Membership m => m.Evidence,
        Notification n => n.Evidence,
        Observation o => o.Evidence,
        _ => throw new ArgumentException("not a fact", nameof(fact)),
    };

    public static Subject Of(object fact) => fact switch
    {
        Deployment d => new Subject("deployment", d.Id.Value, d.Owner.Code, d.Host.Code),
        Activity a => new Subject("activity", a.Id.Value, null, string.Join(",", a.Hosts)),
        Membership m => new Subject("membership", m.Id.Value, m.Alliance.Code, m.Member.Code),
        Notification n => new Subject("notification", n.Id.Value, n.Notifier.Code, null),
        Observation o => new Subject("observation", o.Id.Value, o.Subject.Code, string.Join(",", o.Hosts)),
        _ => new Subject("fact", IdOf(fact), null, null),
    };

    public static string Describe(object fact, Scenario scenario) => fact switch
    {
        Deployment d => $"{d.Owner} {Amount(d)}"
                        + (d.System is { } s ? $" of {s}" : "")
                        + (d.Site is { } site ? $" at {(scenario.Sites.TryGetValue(site, out var st) ? st.Name : site.Value)}" : "")
                        + $" in {d.Host} ({Checking.Schema.WordOf(d.Permanence)}, {Checking.Schema.WordOf(d.Mission)}, since {d.Period.From:yyyy-MM-dd}; {d.Id})",
        Activity a => $"{a.Name} ({string.Join("+", a.Participants)} in {string.Join("+", a.Hosts)}, {a.Period}; troops {(a.Troops is { } t ? Quantity(t) : "not recorded")}; {a.Id})",
        Membership m => $"{m.Member} a member of {m.Alliance} from {m.Period.From:yyyy-MM-dd} ({m.Id})",
        Notification n => $"{n.Notifier} {Checking.Schema.WordOf(n.Kind)} notification given {n.Given:yyyy-MM-dd}{(n.Troops is { } t ? $", {Quantity(t)} troops" : "")} ({n.Id})",
        Observation o => $"{o.Observer} observed {Quantity(o.Quantity)} {o.What} of {o.Subject} ({o.Period}; {o.Id})",
        _ => fact.ToString() ?? "",
    };

    /// <summary>"176 troops"; a presence recorded as one item without a count reads "forces (presence recorded, no count)".</summary>
    public static string Amount(Deployment d) =>
        d.Unit == ForceUnit.Items && d.Quantity.Exact == 1 && d.System is null
            ? "forces (presence recorded, no count)"
            : $"{Quantity(d.Quantity)} {Checking.Schema.WordOf(d.Unit)}";

    public static string Quantity(Core.Quantity q) => q.Claims.Length == 1 ? q.Claims[0].ToString() : string.Join(" vs ", q.Claims.Select(c => c.ToString()));
}
