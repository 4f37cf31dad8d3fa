using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>How facts appear as the subjects of findings: kind, id, owner and host, and a short description.</summary>
internal static class Subjects
{
    /// <summary>The kind of the subjects of findings about facts of this kind: its wire name (<see cref="FactKinds.Name"/>).</summary>
    public static string KindOf(FactKind kind) => FactKinds.Name(kind);

    public static string KindOf(object fact) => FactKinds.Name(Fact(fact).Kind);

    public static string IdOf(object fact) => Fact(fact).Id.Value;

    /// <summary>Where a fact comes from (declared, reported, observed, inspected), for the kinds that say; null for the others.</summary>
    public static string? ProvenanceOf(object fact) => Fact(fact).Provenance is { } p ? Checking.Schema.WordOf(p) : null;

    public static Evidence EvidenceOf(object fact) => Fact(fact).Evidence;

    /// <summary>The value of a rule variable bound to a fact, as a fact; a value of any other type is a defect of the compiler.</summary>
    public static IFact Fact(object value) =>
        value as IFact ?? throw new ArgumentException($"{value?.GetType().Name ?? "null"} is not a fact", nameof(value));

    /// <summary>The subject of findings about <paramref name="fact"/>, with the owner and host its kind has.</summary>
    public static Subject Of(object fact) => Fact(fact) switch
    {
        Deployment d => new Subject(KindOf(d), d.Id.Value, d.Owner.Code, d.Host.Code),
        Activity a => new Subject(KindOf(a), a.Id.Value, null, string.Join(",", a.Hosts)),
        Membership m => new Subject(KindOf(m), m.Id.Value, m.Alliance.Code, m.Member.Code),
        Notification n => new Subject(KindOf(n), n.Id.Value, n.Notifier.Code, null),
        Observation o => new Subject(KindOf(o), o.Id.Value, o.Subject.Code, string.Join(",", o.Hosts)),
        Consent c => new Subject(KindOf(c), c.Id.Value, c.Party.Code, c.Host.Code),
        Control c => new Subject(KindOf(c), c.Id.Value, c.Controller.Code, null),
        var f => throw new ArgumentException($"{f.GetType().Name} is not a fact a finding can be about", nameof(fact)),
    };

    public static string Describe(object fact, Scenario scenario) => Fact(fact) switch
    {
        Deployment d => $"{d.Owner} {Amount(d)}"
                        + (d.System is { } s ? $" of {s}" : "")
                        + (d.Site is { } site ? $" at {(scenario.Sites.TryGetValue(site, out var st) ? st.Name : site.Value)}" : "")
                        + $" in {d.Host} ({Checking.Schema.WordOf(d.Permanence)}, {Checking.Schema.WordOf(d.Mission)}, since {d.Period.From:yyyy-MM-dd}; {d.Id})",
        Activity a => $"{a.Name} ({string.Join("+", a.Participants)} in {string.Join("+", a.Hosts)}, {a.Period}; troops {(a.Troops is { } t ? Quantity(t) : "not recorded")}; {a.Id})",
        Membership m => $"{m.Member} a member of {m.Alliance} from {m.Period.From:yyyy-MM-dd} ({m.Id})",
        Notification n => $"{n.Notifier} {Checking.Schema.WordOf(n.Kind)} notification given {n.Given:yyyy-MM-dd}{(n.Troops is { } t ? $", {Quantity(t)} troops" : "")} ({n.Id})",
        Observation o => $"{o.Observer} observed {Quantity(o.Quantity)} {o.What} of {o.Subject} ({o.Period}; {o.Id})",
        var f => $"{KindOf(f)} {f.Id} ({f.Period})",
    };

    /// <summary>"176 troops"; a presence recorded as one item without a count reads "forces (presence recorded, no count)".</summary>
    public static string Amount(Deployment d) =>
        d.Unit == ForceUnit.Items && d.Quantity.Exact == 1 && d.System is null
            ? "forces (presence recorded, no count)"
            : $"{Quantity(d.Quantity)} {Checking.Schema.WordOf(d.Unit)}";

    public static string Quantity(Core.Quantity q) => q.Claims.Length == 1 ? q.Claims[0].ToString() : string.Join(" vs ", q.Claims.Select(c => c.ToString()));
}
