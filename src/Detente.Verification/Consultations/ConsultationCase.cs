using System.Collections.Immutable;
using Detente.Core;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Verification.Consultations;

/// <summary>A meeting request with its clock.</summary>
/// <param name="Request">The meeting request.</param>
/// <param name="Due">By when the meeting is to be held.</param>
public sealed record MeetingRequestCase(ConsultationMeetingRequestStep Request, Moment? Due);

/// <summary>One consultation: the request for explanation, its 48-hour clock, answers, meeting requests and meetings.</summary>
public sealed class ConsultationCase
{
    internal ConsultationCase(ConsultationRequestStep request, Regime regime)
    {
        Request = request;
        Regime = regime;
        AnswerDue = regime.Value(RegimeParameters.AnswerHours) is { } h ? request.At.After(h) : null;
    }

    /// <summary>The request.</summary>
    public ConsultationRequestStep Request { get; }

    /// <summary>The regime.</summary>
    public Regime Regime { get; }

    /// <summary>When answers are due.</summary>
    public Moment? AnswerDue { get; }

    /// <summary>Answers by party.</summary>
    public ImmutableDictionary<PartyId, ConsultationAnswerStep> Answers { get; internal set; } = ImmutableDictionary<PartyId, ConsultationAnswerStep>.Empty;

    /// <summary>Meeting requests, in order.</summary>
    public ImmutableList<MeetingRequestCase> MeetingRequests { get; internal set; } = [];

    /// <summary>Meetings held, in order.</summary>
    public ImmutableList<ConsultationMeetingStep> Meetings { get; internal set; } = [];

    /// <summary>The answer <paramref name="party"/> gave by the end of <paramref name="day"/>, if any.</summary>
    public ConsultationAnswerStep? AnswerOf(PartyId party, DateOnly day) =>
        Answers.TryGetValue(party, out var a) && a.At.Day <= day ? a : null;

    /// <summary>The meeting held under <paramref name="meetingRequest"/> by the end of <paramref name="day"/>, if any.</summary>
    public ConsultationMeetingStep? MeetingFor(string meetingRequest, DateOnly day) =>
        Meetings.FirstOrDefault(m => m.MeetingRequest == meetingRequest && m.At.Day <= day);
}
