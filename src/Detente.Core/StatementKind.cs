namespace Detente.Core;

/// <summary>
/// What a statement of the record declares. Each kind has one wire name, in the statement's canonical JSON and everywhere else
/// (see <see cref="StatementKinds"/>); the kinds that carry a dated fact of the world name its <see cref="FactKind"/>.
/// </summary>
public enum StatementKind
{
    /// <summary>A party declares forces or systems at a site or in a host state (<c>deployment-declaration</c>).</summary>
    DeploymentDeclaration,

    /// <summary>A party declares a change to a declared deployment (<c>deployment-change</c>).</summary>
    DeploymentChange,

    /// <summary>Advance announcement of an activity or change (<c>notification</c>).</summary>
    Notification,

    /// <summary>A party joins or leaves an alliance (<c>membership-event</c>).</summary>
    MembershipEvent,

    /// <summary>A request to inspect under a regime (<c>inspection-request</c>).</summary>
    InspectionRequest,

    /// <summary>Acceptance or refusal of an inspection request (<c>inspection-answer</c>).</summary>
    InspectionAnswer,

    /// <summary>The report of an inspection visit (<c>inspection-report</c>).</summary>
    InspectionReport,

    /// <summary>One observation by a monitor or open source (<c>observation</c>).</summary>
    Observation,

    /// <summary>Many observations stored elsewhere, bound by count and SHA-256 of the stored rows (<c>observation-batch</c>).</summary>
    ObservationBatch,

    /// <summary>A party's stance on issues: red line or demand (<c>position</c>).</summary>
    Position,

    /// <summary>The text (or its hash) of an agreement version (<c>agreement-text</c>).</summary>
    AgreementText,

    /// <summary>A party introduces a new statement key and retires the signing key (<c>key-rotation</c>).</summary>
    KeyRotation,

    /// <summary>A party revokes one of its statement keys (<c>key-revocation</c>).</summary>
    KeyRevocation,

    /// <summary>What a scenario is called and covers (<c>scenario</c>): the manifest's id, title and description.</summary>
    Scenario,

    /// <summary>A publication that facts cite (<c>source</c>).</summary>
    Source,

    /// <summary>A state, alliance or other actor (<c>party</c>).</summary>
    Party,

    /// <summary>A system of the catalogue (<c>system</c>).</summary>
    System,

    /// <summary>A named facility with coordinates (<c>site</c>).</summary>
    Site,

    /// <summary>Dated control of an area (<c>control</c>).</summary>
    Control,

    /// <summary>An exercise or other military activity (<c>activity</c>).</summary>
    Activity,

    /// <summary>A party designates the sites subject to an inspection regime (<c>inspection-designation</c>).</summary>
    InspectionDesignation,

    /// <summary>The inspecting party records a visit made under an accepted request (<c>inspection-visit</c>).</summary>
    InspectionVisit,

    /// <summary>The inspected party countersigns an inspection report (<c>inspection-countersignature</c>).</summary>
    InspectionCountersignature,

    /// <summary>The inspected party dissents from an inspection report, with its reasons (<c>inspection-dissent</c>).</summary>
    InspectionDissent,

    /// <summary>A request for explanation under a risk-reduction mechanism, e.g. Vienna Document Chapter III (<c>consultation-request</c>).</summary>
    ConsultationRequest,

    /// <summary>The answer to a consultation request (<c>consultation-answer</c>).</summary>
    ConsultationAnswer,

    /// <summary>A request for a meeting following a consultation request (<c>consultation-meeting-request</c>).</summary>
    ConsultationMeetingRequest,

    /// <summary>A consultation meeting as held, with who attended (<c>consultation-meeting</c>).</summary>
    ConsultationMeeting,

    /// <summary>A host state's consent to a foreign party's forces, its withdrawal or refusal (<c>consent</c>).</summary>
    Consent,
}
