namespace Detente.Core;

/// <summary>What regime or practice a notification follows.</summary>
public enum NotificationKind
{
    /// <summary>Vienna Document prior notification of a notifiable activity.</summary>
    ViennaPriorNotification,

    /// <summary>Vienna Document annual calendar entry.</summary>
    ViennaAnnualCalendar,

    /// <summary>A voluntary notice.</summary>
    Voluntary,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>A party's advance announcement of an activity or a change of deployment, with the date it was given.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Notifier">Who gave the notice.</param>
/// <param name="Kind">Under which regime.</param>
/// <param name="Activity">The activity notified, if any.</param>
/// <param name="Deployment">The deployment notified, if any.</param>
/// <param name="Given">The day the notice was given.</param>
/// <param name="Troops">The personnel figure notified, if any.</param>
/// <param name="Evidence">Sources and confidence.</param>
/// <param name="Note">Context.</param>
public sealed record Notification(
    FactId Id,
    PartyId Notifier,
    NotificationKind Kind,
    FactId? Activity,
    FactId? Deployment,
    DateOnly Given,
    Quantity? Troops,
    Evidence Evidence,
    string? Note = null) : IFact
{
    FactKind IFact.Kind => FactKind.Notification;

    /// <summary>The day the notice was given, as a period of one day.</summary>
    Period IFact.Period => new(Given, Given);

    Provenance? IFact.Provenance => null;
}
