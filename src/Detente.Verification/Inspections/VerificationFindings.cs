using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Consultations;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Verification.Inspections;

/// <summary>
/// Findings in the Rules shape from the verification history at a date: a report item that contradicts the declared
/// deployments at the site (violated once countersigned, disputed otherwise), one that agrees (complied), and each party's
/// answer to a consultation request against its clock.
/// </summary>
public static class VerificationFindings
{
    private static string Word(Confidence c) => c.ToString().ToLowerInvariant();

    private static EvidenceItem Of(Step s, string fact) => new(fact, Word(s.Confidence), s.Sources);

    /// <summary>Every finding of inspections reported and consultations requested by the end of <paramref name="at"/>.</summary>
    internal static List<Finding> At(VerificationLedger ledger, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var findings = new List<Finding>();
        foreach (var c in ledger.Inspections)
        {
            if (c.Report is { } report && report.At.Day <= at)
            {
                findings.AddRange(FromReport(ledger.Scenario, c, report, at).Select(f => Marked(f, c.Regime.Hypothetical)));
            }
        }

        foreach (var c in ledger.Consultations.Where(c => c.Request.At.Day <= at && c.Regime.Clause is not null))
        {
            findings.AddRange(FromConsultation(c, at).Select(f => Marked(f, c.Regime.Hypothetical)));
        }

        return findings;
    }

    private static IEnumerable<Finding> FromReport(Scenario? scenario, InspectionCase c, InspectionReportStep report, DateOnly at)
    {
        if (c.Request.Site is not { } siteId || scenario is null || !scenario.Sites.TryGetValue(siteId, out var site))
        {
            yield break;
        }

        var visitDay = c.Visit!.From.Day;
        var declared = scenario.At(visitDay).DeploymentsAt(siteId).Where(d => d.Provenance == Provenance.Declared).ToList();
        var response = c.Response is { } r && r.At.Day <= at ? r : null;
        for (var i = 0; i < report.Items.Length; i++)
        {
            var item = report.Items[i];
            var check = c.Regime.Checks.First(x => x.Id == item.Check);
            if (check.Kind is not (CheckKind.SystemPresence or CheckKind.LauncherCount))
            {
                continue;
            }

            // The catalogue checked both forms when it read them.
            var clause = check.Clause is { } written ? ClauseId.Parse(written) : new ClauseId(new AgreementId(c.Regime.Id), check.Id);
            var subject = new Subject("site", siteId.Value, c.Request.Receiving.Code, site.Host.Code);
            var itemEvidence = Of(report, $"inspection-report {c.Request.Id} item {i + 1} by {report.Author}: {item.Text}");
            var ofSystem = declared.Where(d => d.System == check.System).ToList();
            var evidence = ImmutableArray.CreateBuilder<EvidenceItem>();
            evidence.Add(itemEvidence);
            evidence.AddRange(ofSystem.Select(d => new EvidenceItem($"deployment {d.Id.Value} declared by {d.Owner}: {Claim.Format(d.Quantity.Low)}" +
                $"{(d.Quantity.High > d.Quantity.Low ? "-" + Claim.Format(d.Quantity.High) : "")} {d.System?.Value}",
                Word(d.Evidence.Confidence), [.. d.Evidence.Sources.Select(s => s.ToString())])
            {
                FactId = d.Id,
                FactKind = FactKind.Deployment,
                RecordIndex = d.Evidence.RecordIndex,
            }));
            if (response is not null)
            {
                evidence.Add(Of(response, response.Countersigned
                    ? $"countersigned by {response.Author} on {response.At}"
                    : $"dissent by {response.Author} on {response.At}: {response.Reason}"));
            }

            if (declared.Count == 0)
            {
                yield return new Finding(clause, c.Request.Receiving, subject, FindingStatus.Undetermined,
                    $"{check.Description}: the inspection under '{c.Request.Id}' reported \"{item.Text}\", but nothing is declared at {siteId.Value} on " +
                    $"{visitDay:yyyy-MM-dd} to compare it with.", evidence.ToImmutable());
                continue;
            }

            bool contradicts;
            string declaredText;
            if (check.Kind == CheckKind.SystemPresence)
            {
                var declaredPresent = ofSystem.Any(d => d.Quantity.High > 0);
                contradicts = item.Present != declaredPresent;
                declaredText = declaredPresent ? $"{check.System?.Value} declared present" : $"no {check.System?.Value} declared";
            }
            else
            {
                var low = ofSystem.Sum(d => d.Quantity.Low);
                var high = ofSystem.Sum(d => d.Quantity.High);
                contradicts = item.Count < low || item.Count > high;
                declaredText = ofSystem.Count == 0 ? $"no {check.System?.Value} declared"
                    : $"{Claim.Format(low)}{(high > low ? "-" + Claim.Format(high) : "")} {check.System?.Value} declared";
            }

            var status = !contradicts ? FindingStatus.Complied
                : response is { Countersigned: true } ? FindingStatus.Violated
                : FindingStatus.Disputed;
            var how = !contradicts ? "agrees with the declaration"
                : status == FindingStatus.Violated ? $"contradicts the declaration, and {c.Request.Receiving} countersigned the report"
                : response is null ? $"contradicts the declaration; {c.Request.Receiving} has not countersigned or dissented"
                : $"contradicts the declaration, and {c.Request.Receiving} dissents: {response.Reason}";
            yield return new Finding(clause, c.Request.Receiving, subject, status,
                $"{check.Description}: {report.Author}'s inspection of {siteId.Value} on {visitDay:yyyy-MM-dd} reported \"{item.Text}\" " +
                $"({declaredText}); it {how}.",
                evidence.ToImmutable());
        }
    }

    private static IEnumerable<Finding> FromConsultation(ConsultationCase c, DateOnly at)
    {
        var q = c.Request;
        foreach (var party in q.To)
        {
            var subject = new Subject("consultation-request", q.Id, party.Code, null);
            var evidence = ImmutableArray.CreateBuilder<EvidenceItem>();
            evidence.Add(Of(q, $"consultation-request {q.Id} by {q.Author} to {string.Join(", ", q.To.Select(p => p.Code))} on {q.At}: {q.Subject}"));
            var answer = c.AnswerOf(party, at);
            var due = c.AnswerDue;
            FindingStatus status;
            string text;
            if (answer is not null)
            {
                evidence.Add(Of(answer, $"consultation-answer by {party} on {answer.At}: {answer.Text}"));
                var late = due is { } d && !d.IsMetBy(answer.Given);
                status = late ? FindingStatus.Violated : FindingStatus.Complied;
                text = late ? $"{party} answered {q.Author}'s request of {q.At} on {answer.At}{(answer.Given != answer.At ? $" (signed {answer.Given})" : "")}, after the clock ran out ({due})."
                    : $"{party} answered {q.Author}'s request of {q.At} on {answer.At}{(due is { } dd ? $", within the clock ({dd})" : "")}.";
            }
            else if (due is { } d && d.IsPastOn(at))
            {
                status = q.AnswerKnown ? FindingStatus.Violated : FindingStatus.Undetermined;
                text = q.AnswerKnown
                    ? $"No answer by {party} to {q.Author}'s request of {q.At} is recorded; it was due by {d}."
                    : $"No answer by {party} to {q.Author}'s request of {q.At} is recorded (due by {d}); the sources do not establish whether one was given.";
            }
            else
            {
                status = FindingStatus.Undetermined;
                text = due is { } open ? $"{party}'s answer to {q.Author}'s request of {q.At} is due by {open}; nothing to check yet."
                    : $"{party} has not answered {q.Author}'s request of {q.At}; the regime sets no clock.";
            }

            foreach (var m in c.Meetings.Where(m => m.At.Day <= at && (m.Absent.Contains(party) || m.Attended.Contains(party))))
            {
                evidence.Add(Of(m, $"consultation-meeting on {m.At}{(m.Forum is null ? "" : $" ({m.Forum})")}: {party} " +
                                   (m.Absent.Contains(party) ? "absent" : "present")));
            }

            yield return new Finding(ClauseId.Parse(c.Regime.Clause!), party, subject, status, text, evidence.ToImmutable()) { Due = due?.Day };
        }
    }

    // A regime that exists only in a proposal (the 2022 transparency mechanism) yields what it would find: "would violate".
    private static Finding Marked(Finding f, bool hypothetical) => hypothetical ? f with { Hypothetical = true } : f;

    /// <summary>The word of a status, as the Rules findings print it.</summary>
    internal static string Status(Finding f) => f.StatusWord;

    /// <summary>A day as ISO text.</summary>
    internal static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
