using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Detente.Record.Statements;

/// <summary>The registry of statement kinds: wire names and the body members each kind requires.</summary>
public static class StatementKinds
{
    private static readonly FrozenDictionary<StatementKind, string> Names = new Dictionary<StatementKind, string>
    {
        [StatementKind.DeploymentDeclaration] = "deployment-declaration",
        [StatementKind.DeploymentChange] = "deployment-change",
        [StatementKind.Notification] = "notification",
        [StatementKind.MembershipEvent] = "membership-event",
        [StatementKind.InspectionRequest] = "inspection-request",
        [StatementKind.InspectionAnswer] = "inspection-answer",
        [StatementKind.InspectionReport] = "inspection-report",
        [StatementKind.Observation] = "observation",
        [StatementKind.ObservationBatch] = "observation-batch",
        [StatementKind.Position] = "position",
        [StatementKind.AgreementText] = "agreement-text",
        [StatementKind.KeyRotation] = "key-rotation",
        [StatementKind.KeyRevocation] = "key-revocation",
        [StatementKind.Scenario] = "scenario",
        [StatementKind.Source] = "source",
        [StatementKind.Party] = "party",
        [StatementKind.System] = "system",
        [StatementKind.Site] = "site",
        [StatementKind.Control] = "control",
        [StatementKind.Consent] = "consent",
        [StatementKind.Activity] = "activity",
        [StatementKind.InspectionDesignation] = "inspection-designation",
        [StatementKind.InspectionVisit] = "inspection-visit",
        [StatementKind.InspectionCountersignature] = "inspection-countersignature",
        [StatementKind.InspectionDissent] = "inspection-dissent",
        [StatementKind.ConsultationRequest] = "consultation-request",
        [StatementKind.ConsultationAnswer] = "consultation-answer",
        [StatementKind.ConsultationMeetingRequest] = "consultation-meeting-request",
        [StatementKind.ConsultationMeeting] = "consultation-meeting",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, StatementKind> ByName =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<StatementKind> All { get; } = Enum.GetValues<StatementKind>();

    /// <summary>The wire name, e.g. <c>key-rotation</c>.</summary>
    public static string WireName(this StatementKind kind) =>
        Names.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind));

    /// <summary>Looks a kind up by its wire name (case-sensitive).</summary>
    public static bool TryParse(string? wireName, [NotNullWhen(true)] out StatementKind? kind)
    {
        if (wireName is not null && ByName.TryGetValue(wireName, out var k))
        {
            kind = k;
            return true;
        }

        kind = null;
        return false;
    }
}
