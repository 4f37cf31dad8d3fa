using System.Collections.Frozen;
using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Verification.Regimes;

/// <summary>What a regime governs.</summary>
public enum RegimeKind
{
    /// <summary>Inspections of sites or areas on request (Vienna Document Chapter IX, the Aegis Ashore mechanism).</summary>
    Inspection,

    /// <summary>Evaluation visits to reported units (Vienna Document Chapter IX, evaluation).</summary>
    EvaluationVisit,

    /// <summary>Observation of notifiable military activities (Vienna Document Chapter V).</summary>
    Observation,

    /// <summary>Requests for explanation and meetings (Vienna Document Chapter III).</summary>
    Consultation,
}

/// <summary>When a regime's requests may be made.</summary>
public enum RegimeActivation
{
    /// <summary>From the regime's start.</summary>
    Always,

    /// <summary>Only once every side's designations are recorded (the Aegis Ashore mechanism).</summary>
    AllDesignations,
}

/// <summary>
/// One number of a regime (a quota, a notice period, a team size) with where it comes from: the paragraph, the source, the
/// confidence, and whether the value is Detente's own default where the text is silent.
/// </summary>
/// <param name="Name">The parameter's name, e.g. <c>quota-per-receiving-state</c>.</param>
/// <param name="Value">Its value.</param>
/// <param name="Paragraph">The paragraph of the text it comes from, or null when the text is silent.</param>
/// <param name="Source">The source id.</param>
/// <param name="Confidence">How far it can be relied on.</param>
/// <param name="DetenteChoice">True when the text leaves it open and the value is Detente's documented default.</param>
/// <param name="Note">Explanation.</param>
public sealed record RegimeParameter(string Name, double Value, string? Paragraph, string Source, Confidence Confidence, bool DetenteChoice, string? Note);

/// <summary>How sites become subject to a side of a regime.</summary>
/// <param name="By">The party that designates.</param>
/// <param name="Count">How many sites it designates.</param>
/// <param name="Hosts">The states the designated sites must be in (empty: the side's fixed sites).</param>
/// <param name="SiteKinds">Kinds of site that may be designated (empty: any).</param>
public sealed record DesignationRule(PartyId By, int Count, ImmutableArray<PartyId> Hosts, ImmutableArray<SiteKind> SiteKinds);

/// <summary>
/// One direction of a regime: who may inspect whom and where. A reciprocal regime has two sides (each side's inspecting
/// parties are the other's receiving parties); a multilateral one has a single side where any participant inspects any other.
/// </summary>
/// <param name="Id">The side's id, e.g. <c>aegis-sites</c>.</param>
/// <param name="Inspecting">Who may inspect (empty: any participant other than the receiving party).</param>
/// <param name="Receiving">Who receives (empty: any participant).</param>
/// <param name="Sites">Fixed sites subject to inspection (empty with no designation: any place, e.g. a specified area).</param>
/// <param name="Designation">How sites are designated, if they are.</param>
public sealed record RegimeSide(string Id, ImmutableArray<PartyId> Inspecting, ImmutableArray<PartyId> Receiving,
    ImmutableArray<SiteId> Sites, DesignationRule? Designation)
{
    /// <summary>Whether <paramref name="inspecting"/> may inspect <paramref name="receiving"/> on this side.</summary>
    public bool Allows(PartyId inspecting, PartyId receiving) =>
        inspecting != receiving
        && (Inspecting.IsDefaultOrEmpty || Inspecting.Contains(inspecting))
        && (Receiving.IsDefaultOrEmpty || Receiving.Contains(receiving));
}

/// <summary>What an inspection may check.</summary>
public enum CheckKind
{
    /// <summary>Whether a system (e.g. Tomahawk) is present; compared with the declared deployments at the site.</summary>
    SystemPresence,

    /// <summary>How many launchers of a system are present; compared with the declared quantity.</summary>
    LauncherCount,

    /// <summary>A launcher's configuration (e.g. no cruise-missile fire-control hardware); recorded, not compared.</summary>
    LauncherConfiguration,

    /// <summary>Anything else the regime allows; recorded, not compared.</summary>
    Other,
}

/// <summary>One thing an inspection under a regime may check.</summary>
/// <param name="Id">The check's id, cited by requests and report items.</param>
/// <param name="Kind">What it checks.</param>
/// <param name="System">The system concerned, if any.</param>
/// <param name="Clause">The agreement clause a contradiction is a finding of (e.g. <c>us-2022-response/2.1</c>).</param>
/// <param name="Description">What it means.</param>
public sealed record RegimeCheck(string Id, CheckKind Kind, SystemId? System, string? Clause, string Description);

/// <summary>A verification regime, read from data: sides, checks, parameters, activation and sources.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Kind">What it governs.</param>
/// <param name="Hypothetical">True when the regime was never agreed (a proposal); views say so.</param>
/// <param name="Activation">When requests may be made.</param>
/// <param name="From">The first day it may be used.</param>
/// <param name="Sides">Its sides.</param>
/// <param name="Checks">What inspections may check.</param>
/// <param name="Parameters">Its numbers, each with paragraph, source and confidence.</param>
/// <param name="Clause">The agreement clause or article it implements, if any.</param>
/// <param name="Sources">Source ids.</param>
/// <param name="Note">Context.</param>
public sealed record Regime(
    string Id,
    string Title,
    RegimeKind Kind,
    bool Hypothetical,
    RegimeActivation Activation,
    DateOnly From,
    ImmutableArray<RegimeSide> Sides,
    ImmutableArray<RegimeCheck> Checks,
    FrozenDictionary<string, RegimeParameter> Parameters,
    string? Clause,
    ImmutableArray<string> Sources,
    string? Note)
{
    /// <summary>True for a regime of two sides, each inspecting the other.</summary>
    public bool IsReciprocal => Sides.Length == 2;

    /// <summary>A parameter's value, or null when the regime does not set it.</summary>
    public double? Value(string name) => Parameters.TryGetValue(name, out var p) ? p.Value : null;

    /// <summary>The side on which <paramref name="inspecting"/> may inspect <paramref name="receiving"/>, if any.</summary>
    public RegimeSide? SideFor(PartyId inspecting, PartyId receiving) => Sides.FirstOrDefault(s => s.Allows(inspecting, receiving));
}
