namespace Detente.Data;

/// <summary>
/// One fact as the record holds it: the statement kind (its wire name, e.g. <c>deployment-declaration</c>), the author party,
/// the body (the fact's JSON object in the <c>detente-scenario/1</c> format, UTF-8) and the statement's index in the log.
/// </summary>
/// <param name="Kind">The statement kind's wire name; see <see cref="FactKinds"/>.</param>
/// <param name="Author">The party that signed the statement.</param>
/// <param name="Body">The fact's JSON object, UTF-8.</param>
/// <param name="Index">The statement's index in the log.</param>
public sealed record RecordedFact(string Kind, string Author, ReadOnlyMemory<byte> Body, long Index);

/// <summary>A fact of a scenario ready to be stated in the record: kind, id, JSON object and, where the data names one, its natural author.</summary>
/// <param name="Kind">The statement kind's wire name; see <see cref="FactKinds"/>.</param>
/// <param name="Id">The fact's id (the scenario id for <see cref="FactKinds.Scenario"/>).</param>
/// <param name="Json">The fact's JSON object as written in the data file, UTF-8.</param>
/// <param name="Author">
/// The party the data names as the fact's author: the observer of an observation (unless it is <c>reported</c>), the notifier
/// of a notification, the owner of a deployment and the host of a consent whose provenance is <c>declared</c>; null for facts
/// with no natural author and for reported facts (the librarian, the compiler of the scenario, states them).
/// </param>
public sealed record ScenarioFact(string Kind, string Id, byte[] Json, string? Author);

/// <summary>The statement kinds (wire names) that carry scenario facts, in the order a projection reads them.</summary>
public static class FactKinds
{
    /// <summary>The scenario's id, title and description.</summary>
    public const string Scenario = "scenario";

    /// <summary>A source (<c>sources.json</c>).</summary>
    public const string Source = "source";

    /// <summary>A party (<c>parties.json</c>).</summary>
    public const string Party = "party";

    /// <summary>A system of the catalogue.</summary>
    public const string System = "system";

    /// <summary>A site (<c>sites.json</c>).</summary>
    public const string Site = "site";

    /// <summary>An alliance membership (<c>memberships.json</c>).</summary>
    public const string Membership = "membership-event";

    /// <summary>Control of an area (<c>control.json</c>).</summary>
    public const string Control = "control";

    /// <summary>A claim about a host state's consent to foreign forces (<c>consents.json</c>).</summary>
    public const string Consent = "consent";

    /// <summary>A deployment (<c>deployments.json</c>).</summary>
    public const string Deployment = "deployment-declaration";

    /// <summary>An activity (<c>activities.json</c>).</summary>
    public const string Activity = "activity";

    /// <summary>A notification (<c>notifications.json</c>).</summary>
    public const string Notification = "notification";

    /// <summary>An observation (<c>observations.json</c>).</summary>
    public const string Observation = "observation";

    /// <summary>Every fact kind, in dependency order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Scenario, Source, Party, System, Site, Membership, Control, Deployment, Activity, Notification, Observation];
}
