using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Verification.Inspections;

/// <summary>Where an inspection stands.</summary>
public enum InspectionStage
{
    /// <summary>Requested, not answered.</summary>
    Requested,

    /// <summary>Refused.</summary>
    Refused,

    /// <summary>Accepted, no visit recorded yet.</summary>
    Accepted,

    /// <summary>Visited, no report yet.</summary>
    Visited,

    /// <summary>Reported, awaiting the inspected party's countersignature or dissent.</summary>
    Reported,

    /// <summary>Report countersigned.</summary>
    Countersigned,

    /// <summary>Report dissented from.</summary>
    Dissented,
}

/// <summary>One inspection from request to countersignature or dissent, with its deadlines.</summary>
public sealed class InspectionCase
{
    internal InspectionCase(InspectionRequestStep request, Regime regime, RegimeSide side)
    {
        Request = request;
        Regime = regime;
        Side = side;
        AnswerDue = regime.Value(RegimeParameters.AnswerHours) is { } h ? request.At.After(h) : null;
    }

    /// <summary>The request.</summary>
    public InspectionRequestStep Request { get; }

    /// <summary>The regime.</summary>
    public Regime Regime { get; }

    /// <summary>The side of the regime it falls under.</summary>
    public RegimeSide Side { get; }

    /// <summary>The calendar year whose quota it counts against (the year the visit is to start).</summary>
    public int Year => Request.VisitFrom.Day.Year;

    /// <summary>When the answer is due, if the regime sets a period.</summary>
    public Moment? AnswerDue { get; }

    /// <summary>The answer, once given.</summary>
    public InspectionAnswerStep? Answer { get; internal set; }

    /// <summary>True when the answer came after <see cref="AnswerDue"/>.</summary>
    public bool AnsweredLate => Answer is not null && AnswerDue is { } due && !due.IsMetBy(Answer.Given);

    /// <summary>The visit, once made.</summary>
    public InspectionVisitStep? Visit { get; internal set; }

    /// <summary>The report, once made.</summary>
    public InspectionReportStep? Report { get; internal set; }

    /// <summary>When the countersignature or dissent is due, once reported and if the regime sets a period.</summary>
    public Moment? ResponseDue => Report is not null && Regime.Value(RegimeParameters.ResponseHours) is { } h ? Report.At.After(h) : null;

    /// <summary>The countersignature or dissent, once given.</summary>
    public InspectionResponseStep? Response { get; internal set; }

    /// <summary>True when the response came after <see cref="ResponseDue"/>.</summary>
    public bool RespondedLate => Response is not null && ResponseDue is { } due && !due.IsMetBy(Response.Given);

    /// <summary>True unless refused: a pending or accepted request counts against quotas.</summary>
    public bool CountsAgainstQuota => Answer is null || Answer.Accepted;

    /// <summary>Where it stands.</summary>
    public InspectionStage Stage => Response is { } r ? r.Countersigned ? InspectionStage.Countersigned : InspectionStage.Dissented
        : Report is not null ? InspectionStage.Reported
        : Visit is not null ? InspectionStage.Visited
        : Answer is { } a ? a.Accepted ? InspectionStage.Accepted : InspectionStage.Refused
        : InspectionStage.Requested;

    /// <summary>Where it stood at the end of <paramref name="day"/> (steps after that day are not seen).</summary>
    public InspectionStage StageOn(DateOnly day) =>
        Response is { } r && r.At.Day <= day ? r.Countersigned ? InspectionStage.Countersigned : InspectionStage.Dissented
        : Report is { } rep && rep.At.Day <= day ? InspectionStage.Reported
        : Visit is { } v && v.At.Day <= day ? InspectionStage.Visited
        : Answer is { } a && a.At.Day <= day ? a.Accepted ? InspectionStage.Accepted : InspectionStage.Refused
        : InspectionStage.Requested;
}
