using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Detente.Core;

/// <summary>
/// The one table of statement kinds: the wire name each kind has in a statement's canonical JSON, in data and in output, and
/// the kind of dated fact it carries, if any (beside <see cref="FactKinds"/>, the table of fact kinds). A kind not in the table
/// is an error, never a default.
/// </summary>
public static class StatementKinds
{
    private static readonly (StatementKind Kind, string Name, FactKind? Carries)[] Table =
    [
        (StatementKind.DeploymentDeclaration, "deployment-declaration", FactKind.Deployment),
        (StatementKind.DeploymentChange, "deployment-change", null),
        (StatementKind.Notification, "notification", FactKind.Notification),
        (StatementKind.MembershipEvent, "membership-event", FactKind.Membership),
        (StatementKind.InspectionRequest, "inspection-request", null),
        (StatementKind.InspectionAnswer, "inspection-answer", null),
        (StatementKind.InspectionReport, "inspection-report", null),
        (StatementKind.Observation, "observation", FactKind.Observation),
        (StatementKind.ObservationBatch, "observation-batch", null),
        (StatementKind.Position, "position", null),
        (StatementKind.AgreementText, "agreement-text", null),
        (StatementKind.KeyRotation, "key-rotation", null),
        (StatementKind.KeyRevocation, "key-revocation", null),
        (StatementKind.Scenario, "scenario", null),
        (StatementKind.Source, "source", null),
        (StatementKind.Party, "party", null),
        (StatementKind.System, "system", null),
        (StatementKind.Site, "site", null),
        (StatementKind.Control, "control", FactKind.Control),
        (StatementKind.Activity, "activity", FactKind.Activity),
        (StatementKind.InspectionDesignation, "inspection-designation", null),
        (StatementKind.InspectionVisit, "inspection-visit", null),
        (StatementKind.InspectionCountersignature, "inspection-countersignature", null),
        (StatementKind.InspectionDissent, "inspection-dissent", null),
        (StatementKind.ConsultationRequest, "consultation-request", null),
        (StatementKind.ConsultationAnswer, "consultation-answer", null),
        (StatementKind.ConsultationMeetingRequest, "consultation-meeting-request", null),
        (StatementKind.ConsultationMeeting, "consultation-meeting", null),
        (StatementKind.Consent, "consent", FactKind.Consent),
    ];

    private static readonly FrozenDictionary<StatementKind, (string Name, FactKind? Carries)> ByKind =
        Table.ToFrozenDictionary(r => r.Kind, r => (r.Name, r.Carries));

    private static readonly FrozenDictionary<string, StatementKind> ByName =
        Table.ToFrozenDictionary(r => r.Name, r => r.Kind, StringComparer.Ordinal);

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<StatementKind> All { get; } = Enum.GetValues<StatementKind>();

    /// <summary>The wire name, e.g. <c>key-rotation</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of <see cref="StatementKind"/>.</exception>
    public static string WireName(this StatementKind kind) => Row(kind).Name;

    /// <summary>
    /// The kind of dated fact a statement of <paramref name="kind"/> carries (a <c>deployment-declaration</c> carries a
    /// <see cref="FactKind.Deployment"/>); null for the kinds that carry none (reference data, keys, steps, positions, ...).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of <see cref="StatementKind"/>.</exception>
    public static FactKind? Carries(this StatementKind kind) => Row(kind).Carries;

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

    /// <summary>Reads a wire name.</summary>
    /// <exception cref="ArgumentException">The name is not a statement kind; the message lists the kinds there are.</exception>
    public static StatementKind Parse(string wireName) =>
        TryParse(wireName, out var kind)
            ? kind.Value
            : throw new ArgumentException(
                $"'{wireName}' is not a kind of statement: expected one of {string.Join(", ", Table.Select(r => r.Name))}.", nameof(wireName));

    private static (string Name, FactKind? Carries) Row(StatementKind kind) =>
        ByKind.TryGetValue(kind, out var row) ? row : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of statement");
}
