using System.Collections.Frozen;

namespace Detente.Core;

/// <summary>
/// The kinds of dated facts a world holds. Each has one wire name (see <see cref="FactKinds"/>). The order is the order views
/// and rule diagnostics list kinds in.
/// </summary>
public enum FactKind
{
    /// <summary>Forces or systems at a site or in a host state (<see cref="Core.Deployment"/>).</summary>
    Deployment,

    /// <summary>An exercise or other military activity (<see cref="Core.Activity"/>).</summary>
    Activity,

    /// <summary>A state's membership of an alliance (<see cref="Core.Membership"/>).</summary>
    Membership,

    /// <summary>A party's advance announcement (<see cref="Core.Notification"/>).</summary>
    Notification,

    /// <summary>A claim about the world from a monitor or an open source (<see cref="Core.Observation"/>).</summary>
    Observation,

    /// <summary>Control of a mapped area (<see cref="Core.Control"/>).</summary>
    Control,

    /// <summary>A host state's consent to foreign forces, or its withdrawal (<see cref="Core.Consent"/>).</summary>
    Consent,
}

/// <summary>
/// A dated fact of the world: a membership, control, deployment, activity, notification, observation or consent. Every fact
/// has an id unique among the facts of its kind, the days it holds, and its evidence (sources, confidence, and the log index of
/// the statement it was read from).
/// </summary>
public interface IFact
{
    /// <summary>The fact's id.</summary>
    FactId Id { get; }

    /// <summary>What kind of fact it is.</summary>
    FactKind Kind { get; }

    /// <summary>The days it holds; a notification holds on the one day it was given.</summary>
    Period Period { get; }

    /// <summary>Its sources and confidence.</summary>
    Evidence Evidence { get; }

    /// <summary>Where it comes from (declared, reported, observed, inspected) for the kinds whose data says; null for the others.</summary>
    Provenance? Provenance { get; }
}

/// <summary>
/// The one table of fact kinds: the wire name each kind has in data files, rule text, finding subjects and JSON output, its
/// plural, and the CLR type that carries it. A kind not in the table is an error, never a default.
/// </summary>
public static class FactKinds
{
    private static readonly (FactKind Kind, string Name, string Plural, Type Type)[] Table =
    [
        (FactKind.Deployment, "deployment", "deployments", typeof(Deployment)),
        (FactKind.Activity, "activity", "activities", typeof(Activity)),
        (FactKind.Membership, "membership", "memberships", typeof(Membership)),
        (FactKind.Notification, "notification", "notifications", typeof(Notification)),
        (FactKind.Observation, "observation", "observations", typeof(Observation)),
        (FactKind.Control, "control", "controls", typeof(Control)),
        (FactKind.Consent, "consent", "consents", typeof(Consent)),
    ];

    private static readonly FrozenDictionary<string, FactKind> ByName =
        Table.ToFrozenDictionary(r => r.Name, r => r.Kind, StringComparer.Ordinal);

    /// <summary>Every kind, in the order of the table.</summary>
    public static IReadOnlyList<FactKind> All { get; } = [.. Table.Select(r => r.Kind)];

    /// <summary>The wire name of a kind, e.g. <c>deployment</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of <see cref="FactKind"/>.</exception>
    public static string Name(FactKind kind) => Row(kind).Name;

    /// <summary>The plural of a kind as rule text and messages write it, e.g. <c>activities</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of <see cref="FactKind"/>.</exception>
    public static string Plural(FactKind kind) => Row(kind).Plural;

    /// <summary>The type that carries facts of a kind, e.g. <see cref="Deployment"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of <see cref="FactKind"/>.</exception>
    public static Type TypeOf(FactKind kind) => Row(kind).Type;

    /// <summary>Reads a wire name; false for any text not in the table (names are lower case and exact).</summary>
    public static bool TryParse(string? name, out FactKind kind)
    {
        kind = default;
        return name is not null && ByName.TryGetValue(name, out kind);
    }

    /// <summary>Reads a wire name.</summary>
    /// <exception cref="ArgumentException">The name is not a fact kind; the message lists the kinds there are.</exception>
    public static FactKind Parse(string name) =>
        TryParse(name, out var kind)
            ? kind
            : throw new ArgumentException($"'{name}' is not a kind of fact: expected one of {string.Join(", ", Table.Select(r => r.Name))}.", nameof(name));

    private static (FactKind Kind, string Name, string Plural, Type Type) Row(FactKind kind)
    {
        foreach (var row in Table)
        {
            if (row.Kind == kind)
            {
                return row;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of fact");
    }
}
