using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Verification.Steps;

/// <summary>
/// One step of an inspection or consultation, as stated by its author in a signed statement (or an events file): the body
/// fields every step shares — when, sources, confidence, note — and where it was read from, for messages.
/// </summary>
public abstract record Step
{
    /// <summary>The kind of statement that carries it, e.g. <see cref="StatementKind.InspectionRequest"/> (its wire name: <see cref="StatementKinds"/>).</summary>
    public abstract StatementKind Kind { get; }

    /// <summary>The party that states the step.</summary>
    public required PartyId Author { get; init; }

    /// <summary>When it happened.</summary>
    public required Moment At { get; init; }

    /// <summary>Citations (source ids or references), at least one.</summary>
    public required ImmutableArray<string> Sources { get; init; }

    /// <summary>How far the step can be relied on.</summary>
    public required Confidence Confidence { get; init; }

    /// <summary>Context.</summary>
    public string? Note { get; init; }

    /// <summary>Where the step was read: <c>file:line:column</c> or <c>record entry N</c>.</summary>
    public required string Where { get; init; }

    /// <summary>The log index of its statement, when read from the record.</summary>
    public long? RecordIndex { get; init; }

    /// <summary>
    /// When its statement was signed, when read from a record whose signatures vouch for it (not a demo record, whose steps are a
    /// reconstruction signed long after the fact). The record admits no step dated after its signing.
    /// </summary>
    public DateTimeOffset? SignedAt { get; init; }

    /// <summary>
    /// When the step counts as given for deadlines: its signing time when known (a party cannot backdate an answer to meet a
    /// clock), else its stated time.
    /// </summary>
    public Moment Given => SignedAt is { } signed && new Moment(signed, false) > At ? new Moment(signed, false) : At;
}

/// <summary>A party designates the sites subject to one side of a regime (<c>inspection-designation</c>).</summary>
public sealed record DesignationStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.InspectionDesignation;

    /// <summary>The regime.</summary>
    public required string Regime { get; init; }

    /// <summary>The side whose sites are designated.</summary>
    public required string Side { get; init; }

    /// <summary>The designated sites.</summary>
    public required ImmutableArray<SiteId> Sites { get; init; }
}

/// <summary>The inspecting party asks to inspect a site (<c>inspection-request</c>).</summary>
public sealed record InspectionRequestStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.InspectionRequest;

    /// <summary>The request's id, unique in the record.</summary>
    public required string Id { get; init; }

    /// <summary>The regime.</summary>
    public required string Regime { get; init; }

    /// <summary>The party asked to receive the inspection.</summary>
    public required PartyId Receiving { get; init; }

    /// <summary>The site, or null for an area (Vienna Document specified area).</summary>
    public SiteId? Site { get; init; }

    /// <summary>A place in words when there is no site.</summary>
    public string? Area { get; init; }

    /// <summary>When the visit is to start.</summary>
    public required Moment VisitFrom { get; init; }

    /// <summary>How many inspectors.</summary>
    public required int TeamSize { get; init; }

    /// <summary>The regime checks asked for.</summary>
    public required ImmutableArray<string> Checks { get; init; }
}

/// <summary>The receiving party accepts or refuses a request (<c>inspection-answer</c>).</summary>
public sealed record InspectionAnswerStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.InspectionAnswer;

    /// <summary>The request answered.</summary>
    public required string Request { get; init; }

    /// <summary>Accepted (true) or refused.</summary>
    public required bool Accepted { get; init; }

    /// <summary>Why it was refused (required for a refusal).</summary>
    public string? Reason { get; init; }
}

/// <summary>The inspecting party records the visit (<c>inspection-visit</c>).</summary>
public sealed record InspectionVisitStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.InspectionVisit;

    /// <summary>The request the visit was made under.</summary>
    public required string Request { get; init; }

    /// <summary>Arrival at the site.</summary>
    public required Moment From { get; init; }

    /// <summary>Departure.</summary>
    public required Moment To { get; init; }

    /// <summary>Inspectors present.</summary>
    public required int TeamSize { get; init; }
}

/// <summary>What an inspector found for one check.</summary>
/// <param name="Check">The regime check.</param>
/// <param name="Text">The finding in words, e.g. "three 8-cell Mk 41 modules present".</param>
/// <param name="Present">For a system-presence check: whether the system was found.</param>
/// <param name="Count">For a launcher-count check: how many were counted.</param>
public sealed record ReportItem(string Check, string Text, bool? Present, int? Count);

/// <summary>The inspecting party's report, item by item (<c>inspection-report</c>).</summary>
public sealed record InspectionReportStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.InspectionReport;

    /// <summary>The request reported on.</summary>
    public required string Request { get; init; }

    /// <summary>The items, at least one.</summary>
    public required ImmutableArray<ReportItem> Items { get; init; }
}

/// <summary>The inspected party countersigns a report, or dissents from it (<c>inspection-countersignature</c>, <c>inspection-dissent</c>).</summary>
public sealed record InspectionResponseStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => Countersigned ? StatementKind.InspectionCountersignature : StatementKind.InspectionDissent;

    /// <summary>The request whose report is answered.</summary>
    public required string Request { get; init; }

    /// <summary>True for a countersignature, false for a dissent.</summary>
    public required bool Countersigned { get; init; }

    /// <summary>The dissent's reasons (required for a dissent).</summary>
    public string? Reason { get; init; }

    /// <summary>The report items (numbered from 1) dissented from; empty means the whole report.</summary>
    public ImmutableArray<int> Items { get; init; } = [];
}

/// <summary>A request for explanation (Vienna Document Chapter III, para 16) (<c>consultation-request</c>).</summary>
public sealed record ConsultationRequestStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.ConsultationRequest;

    /// <summary>The request's id.</summary>
    public required string Id { get; init; }

    /// <summary>The regime (e.g. <c>vienna-chapter-iii</c>).</summary>
    public required string Regime { get; init; }

    /// <summary>The parties asked to explain.</summary>
    public required ImmutableArray<PartyId> To { get; init; }

    /// <summary>What is asked, in words.</summary>
    public required string Subject { get; init; }

    /// <summary>False when the sources do not establish whether an answer was given: a missing answer is then undetermined.</summary>
    public bool AnswerKnown { get; init; } = true;
}

/// <summary>An answer to a consultation request (<c>consultation-answer</c>).</summary>
public sealed record ConsultationAnswerStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.ConsultationAnswer;

    /// <summary>The request answered.</summary>
    public required string Request { get; init; }

    /// <summary>The answer in words.</summary>
    public required string Text { get; init; }
}

/// <summary>A request for a meeting after a consultation request (<c>consultation-meeting-request</c>).</summary>
public sealed record ConsultationMeetingRequestStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.ConsultationMeetingRequest;

    /// <summary>The meeting request's id.</summary>
    public required string Id { get; init; }

    /// <summary>The consultation request it follows.</summary>
    public required string Request { get; init; }

    /// <summary>The parties asked to attend.</summary>
    public required ImmutableArray<PartyId> With { get; init; }

    /// <summary>The forum in words (e.g. "all participating States").</summary>
    public string? Forum { get; init; }
}

/// <summary>A consultation meeting as held (<c>consultation-meeting</c>).</summary>
public sealed record ConsultationMeetingStep : Step
{
    /// <inheritdoc/>
    public override StatementKind Kind => StatementKind.ConsultationMeeting;

    /// <summary>The consultation request it belongs to.</summary>
    public required string Request { get; init; }

    /// <summary>The meeting request it answers, if one is recorded.</summary>
    public string? MeetingRequest { get; init; }

    /// <summary>Parties recorded as present.</summary>
    public ImmutableArray<PartyId> Attended { get; init; } = [];

    /// <summary>Parties recorded as absent.</summary>
    public ImmutableArray<PartyId> Absent { get; init; } = [];

    /// <summary>The forum in words.</summary>
    public string? Forum { get; init; }
}
