namespace Detente.Verification.Regimes;

/// <summary>The names of the parameters a regime may set. Their meaning is fixed here; their values live in data.</summary>
public static class RegimeParameters
{
    /// <summary>Inspections (or visits) a receiving state accepts per calendar year.</summary>
    public const string QuotaPerReceivingState = "quota-per-receiving-state";

    /// <summary>Inspections one inspecting state may make of one receiving state per calendar year.</summary>
    public const string QuotaPerInspectingState = "quota-per-inspecting-state";

    /// <summary>Evaluation visits: one visit per this many reported units or part thereof.</summary>
    public const string UnitsPerVisit = "units-per-visit";

    /// <summary>Evaluation visits: the most a state receives per year.</summary>
    public const string MaxVisitsPerYear = "max-visits-per-year";

    /// <summary>Evaluation visits: the largest share of a state's quota one inspecting state may use (at least one visit).</summary>
    public const string InspectingShare = "inspecting-share";

    /// <summary>Hours between a request and the earliest start of the visit.</summary>
    public const string NoticeHours = "notice-hours";

    /// <summary>Hours the receiving party has to accept or refuse a request.</summary>
    public const string AnswerHours = "answer-hours";

    /// <summary>The most inspectors in a team.</summary>
    public const string TeamSize = "team-size";

    /// <summary>The longest a visit may last, in hours.</summary>
    public const string DurationHours = "duration-hours";

    /// <summary>Hours the inspected party has to countersign or dissent from a report.</summary>
    public const string ResponseHours = "response-hours";

    /// <summary>How many more inspections in a calendar year one side may make than the other (reciprocity).</summary>
    public const string ReciprocityMaxLead = "reciprocity-max-lead";

    /// <summary>Troops from which observers are invited to an activity.</summary>
    public const string ObservationTroops = "observation-troops";

    /// <summary>Hours within which a requested consultation meeting is held.</summary>
    public const string MeetingHours = "meeting-hours";
}
