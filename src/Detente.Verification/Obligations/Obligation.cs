using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Inspections;
using Detente.Verification.Regimes;

namespace Detente.Verification.Obligations;

/// <summary>Where an obligation stands at a date.</summary>
public enum ObligationStatus
{
    /// <summary>Owed, not yet due.</summary>
    Owed,

    /// <summary>Due and not met.</summary>
    Overdue,

    /// <summary>Met on time.</summary>
    Met,

    /// <summary>Met after it was due.</summary>
    MetLate,

    /// <summary>A quota still open (inspections the party may still be asked to receive this year).</summary>
    Open,

    /// <summary>
    /// Past its deadline with no statement on record that meets it, where a missing statement is not evidence that none was made:
    /// the duty is performed outside Detente's record (a Vienna Document notification travels through the OSCE network, and the data
    /// holds what the sources report), or the sources say they do not know. Not counted as overdue.
    /// </summary>
    NotReported,
}

/// <summary>Something a party owes: what, to whom, by when, and where it stands at the date asked.</summary>
/// <param name="Party">Who owes it.</param>
/// <param name="Kind">
/// What kind: <c>inspection-answer</c>, <c>report-response</c>, <c>consultation-answer</c>, <c>consultation-meeting</c>,
/// <c>quota</c>, or a clause's obligation such as <c>prior-notification</c>.
/// </param>
/// <param name="What">What is owed, in words.</param>
/// <param name="To">To whom, if anyone.</param>
/// <param name="Due">By when (ISO day or UTC time), if there is a deadline.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Met">When it was met, if it was.</param>
/// <param name="Reference">The request, clause or regime it comes from.</param>
/// <param name="Sources">Citations.</param>
public sealed record Obligation(PartyId Party, string Kind, string What, PartyId? To, string? Due, ObligationStatus Status, string? Met,
    string Reference, ImmutableArray<string> Sources)
{
    /// <summary>True when it comes from a regime that was never agreed (e.g. the Aegis Ashore mechanism); views say so.</summary>
    public bool Hypothetical { get; init; }
}

/// <summary>
/// Lists what parties owe at a date: inspection answers and report responses, consultation answers and meetings, open
/// quotas, and the obligations of clauses that the rules already check (prior notifications under Vienna Document Art. 38,
/// observation under Art. 47), taken from their findings rather than recomputed.
/// </summary>
public static class ObligationList
{
    /// <summary>The words of the statuses, as JSON and tables print them.</summary>
    public static string Word(ObligationStatus s) => s switch
    {
        ObligationStatus.Owed => "owed",
        ObligationStatus.Overdue => "overdue",
        ObligationStatus.Met => "met",
        ObligationStatus.MetLate => "met-late",
        ObligationStatus.NotReported => "not-reported",
        _ => "open",
    };

    /// <summary>
    /// Obligations of <paramref name="party"/> (or every party) at the end of <paramref name="at"/>. <paramref name="clauseFindings"/>
    /// are rule findings at the same date of clauses that impose a dated duty, with the kind to list them as.
    /// </summary>
    public static List<Obligation> At(VerificationLedger ledger, DateOnly at, PartyId? party,
        IEnumerable<(string Kind, Finding Finding)> clauseFindings)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clauseFindings);
        var list = new List<Obligation>();
        bool Mine(PartyId p) => party is null || party == p;
        foreach (var c in ledger.Inspections.Where(c => c.Request.At.Day <= at && Mine(c.Request.Receiving)))
        {
            var q = c.Request;
            var answer = c.Answer is { } a && a.At.Day <= at ? a : null;
            list.Add(new Obligation(q.Receiving, "inspection-answer", $"accept or refuse {q.Author}'s request '{q.Id}' to inspect {q.Site?.Value ?? q.Area}",
                q.Author, c.AnswerDue?.ToString(), Status(c.AnswerDue, answer?.At, at), answer?.At.ToString(), $"{c.Regime.Id}/{q.Id}", q.Sources));
            if (c.Report is { } report && report.At.Day <= at)
            {
                var response = c.Response is { } r && r.At.Day <= at ? r : null;
                list.Add(new Obligation(q.Receiving, "report-response", $"countersign or dissent from {q.Author}'s report under '{q.Id}'",
                    q.Author, c.ResponseDue?.ToString(), Status(c.ResponseDue, response?.At, at), response?.At.ToString(), $"{c.Regime.Id}/{q.Id}",
                    report.Sources));
            }
        }

        foreach (var c in ledger.Consultations.Where(c => c.Request.At.Day <= at))
        {
            var q = c.Request;
            foreach (var to in q.To.Where(Mine))
            {
                var answer = c.AnswerOf(to, at);
                var status = Status(c.AnswerDue, answer?.At, at);

                // Absence of evidence is not non-compliance: past the deadline with the sources silent on an answer is not reported.
                if (status == ObligationStatus.Overdue && !q.AnswerKnown)
                {
                    status = ObligationStatus.NotReported;
                }

                list.Add(new Obligation(to, "consultation-answer", $"explain to {q.Author}: {q.Subject}" +
                    (status == ObligationStatus.NotReported ? " (whether an answer was given is not established by the sources)" : ""),
                    q.Author, c.AnswerDue?.ToString(), status, answer?.At.ToString(), $"{c.Regime.Clause ?? c.Regime.Id}/{q.Id}", q.Sources));
            }

            foreach (var mr in c.MeetingRequests.Where(m => m.Request.At.Day <= at))
            {
                var meeting = c.MeetingFor(mr.Request.Id, at);
                foreach (var with in mr.Request.With.Where(Mine))
                {
                    var absent = meeting is not null && meeting.Absent.Contains(with);
                    var past = mr.Due is { } d && d.IsPastOn(at);

                    // Recorded absent from the meeting is evidence; no meeting on record at all is not (the sources may not report it).
                    var status = absent ? past ? ObligationStatus.Overdue : ObligationStatus.Owed
                        : meeting is null ? past ? ObligationStatus.NotReported : ObligationStatus.Owed
                        : Status(mr.Due, meeting.At, at);
                    list.Add(new Obligation(with, "consultation-meeting",
                        $"meet {mr.Request.Author}{(mr.Request.Forum is null ? "" : $" ({mr.Request.Forum})")}"
                        + (absent ? $"; absent from the meeting of {meeting!.At}" : "")
                        + (status == ObligationStatus.NotReported ? "; no meeting is on record (the sources do not say whether one was held)" : ""),
                        mr.Request.Author, mr.Due?.ToString(), status, absent ? null : meeting?.At.ToString(),
                        $"{c.Regime.Clause ?? c.Regime.Id}/{mr.Request.Id}", mr.Request.Sources));
                }
            }
        }

        foreach (var regime in ledger.Regimes.All.Where(r => r.Kind == RegimeKind.Inspection && ledger.Inactive(r, Steps.Moment.OfDay(at)) is null))
        {
            foreach (var side in regime.Sides.Where(s => s.Receiving.Length > 0))
            {
                foreach (var receiving in side.Receiving.Where(Mine))
                {
                    if (ledger.ReceivingQuota(regime, receiving, at.Year, out _) is { } quota)
                    {
                        var used = ledger.Inspections.Count(c => c.Regime == regime && c.Request.Receiving == receiving && c.Year == at.Year
                                                                  && c.Request.At.Day <= at && c.StageOn(at) != InspectionStage.Refused);
                        list.Add(new Obligation(receiving, "quota",
                            $"receive up to {Math.Max(0, quota - used)} more of {quota} inspections under '{regime.Id}' in {at.Year}",
                            null, $"{at.Year}-12-31", ObligationStatus.Open, null, regime.Id, regime.Sources));
                    }
                }
            }
        }

        foreach (var (kind, f) in clauseFindings)
        {
            if (f.Party is not { } owing || !Mine(owing))
            {
                continue;
            }

            // A clause's duty is a notice given through the OSCE network, not through the record: the data holds the notices its
            // sources report. Past the due day, a notice on record that does not satisfy the clause (late, or of another kind) is
            // evidence (the rules find it violated: overdue); no notice on record at all is not (the rules find it not reported).
            var notices = f.Subject.Kind == "activity" ? NoticesOf(ledger.Scenario, f.Subject.Id, owing, at) : null;

            // A deadline still ahead is owed whatever the clause could not yet decide (not applicable: nothing to check yet).
            var status = f.Status switch
            {
                FindingStatus.Complied => ObligationStatus.Met,
                FindingStatus.NotReported => ObligationStatus.NotReported,
                FindingStatus.Violated => ObligationStatus.Overdue,
                FindingStatus.Undetermined or FindingStatus.NotApplicable when f.Due is { } due && due > at => ObligationStatus.Owed,
                _ => (ObligationStatus?)null,
            };
            if (status is null || f.Subject.Kind == "party")
            {
                continue;
            }

            var what = $"{f.Subject}: {f.Explanation}" + status switch
            {
                ObligationStatus.NotReported => $"; no notice by {owing} of this activity is on record, and the sources do not say none was given",
                ObligationStatus.Overdue when notices is { Count: > 0 } =>
                    $"; on record: {string.Join(", ", notices.Select(n => $"{n.Id.Value} ({Kind(n.Kind)}, given {n.Given:yyyy-MM-dd})"))}",
                _ => "",
            };
            list.Add(new Obligation(owing, kind, what, null, f.Due is { } d ? Day(d) : null, status.Value, null,
                f.Clause.ToString(), [.. f.Evidence.SelectMany(e => e.Sources).Distinct()]));
        }

        // An inspection obligation's reference starts with its regime's id.
        return [.. list.Select(o => o with { Hypothetical = ledger.Regimes.Find(o.Reference.Split('/')[0])?.Hypothetical == true })
            .OrderBy(o => o.Party.Code, StringComparer.Ordinal).ThenBy(o => o.Due ?? "", StringComparer.Ordinal)];
    }

    /// <summary>The notices of an activity by a party given by a date (null when no scenario is known).</summary>
    private static List<Notification>? NoticesOf(Scenario? scenario, string activity, PartyId party, DateOnly at) =>
        scenario?.Notifications.Where(n => n.Activity is { } a && a.Value == activity && n.Notifier == party && n.Given <= at).ToList();

    private static string Kind(NotificationKind kind) => kind switch
    {
        NotificationKind.ViennaPriorNotification => "Vienna prior notification",
        NotificationKind.ViennaAnnualCalendar => "annual calendar",
        NotificationKind.Voluntary => "voluntary",
        _ => "other",
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static ObligationStatus Status(Steps.Moment? due, Steps.Moment? met, DateOnly at) =>
        met is { } m
            ? due is { } d && !d.IsMetBy(m) ? ObligationStatus.MetLate : ObligationStatus.Met
            : due is { } dd && dd.IsPastOn(at) ? ObligationStatus.Overdue : ObligationStatus.Owed;
}
