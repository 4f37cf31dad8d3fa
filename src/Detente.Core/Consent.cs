using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>What a host state says of a foreign party's forces on its territory.</summary>
public enum ConsentStance
{
    /// <summary>The host consents (e.g. by a stationing or peacekeeping agreement).</summary>
    Given,

    /// <summary>The host withdrew a consent it had given.</summary>
    Withdrawn,

    /// <summary>The host states it does not consent (it never gave consent, or demands withdrawal).</summary>
    Refused,
}

/// <summary>
/// A claim about a host state's consent to a foreign party's forces on its territory over a period. Where the claims disagree
/// (one says consent was given, another that it was refused or withdrawn), each is its own fact and every one is kept.
/// </summary>
/// <param name="Id">The fact's id.</param>
/// <param name="Host">The state whose territory it is.</param>
/// <param name="Party">The foreign party whose forces the consent concerns.</param>
/// <param name="Stance">Given, withdrawn or refused.</param>
/// <param name="Period">The days the claim holds.</param>
/// <param name="Provenance">Declared (by the host), reported (by published sources), observed or inspected.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="By">Who makes the claim, when it is a party's reading (e.g. the host's own statement); null for the record itself.</param>
/// <param name="Deployments">The deployments it concerns; empty for all of the party's forces in the host state.</param>
/// <param name="Basis">The instrument or statement it rests on, e.g. an agreement and its article.</param>
/// <param name="Note">Context a reader must know.</param>
public sealed record Consent(
    FactId Id,
    PartyId Host,
    PartyId Party,
    ConsentStance Stance,
    Period Period,
    Provenance Provenance,
    Evidence Evidence,
    PartyId? By = null,
    ImmutableArray<FactId> Deployments = default,
    string? Basis = null,
    string? Note = null) : IFact
{
    FactKind IFact.Kind => FactKind.Consent;

    Provenance? IFact.Provenance => Provenance;

    /// <summary>True when the claim concerns <paramref name="deployment"/>: the same host and owner, and the deployment named or none named.</summary>
    public bool Covers(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.Host == Host && deployment.Owner == Party && (Deployments.IsDefaultOrEmpty || Deployments.Contains(deployment.Id));
    }
}
