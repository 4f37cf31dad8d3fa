using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Inspections;
using Detente.Verification.Obligations;

namespace Detente.Verification.Tests.Obligations;

public sealed class ObligationTests
{
    private static readonly PartyId Usa = new("USA");
    private static readonly PartyId Rus = new("RUS");

    [Fact]
    public void InspectionAnswer_OwedThenOverdueThenMetLate()
    {
        var ledger = Some.ActiveAegis().Run(
            Some.Request("u1", "USA", "RUS", "kamyshlov", "2022-05-02T09:00:00Z", "2022-05-10T08:00:00Z", checks: "\"9m729-absent\""),
            Some.Answer("u1", "RUS", "2022-05-06T12:00:00Z"));
        Obligation Answer(int day) => ObligationList.At(ledger, new DateOnly(2022, 5, day), Rus, []).Single(o => o.Kind == "inspection-answer");
        Assert.Equal(ObligationStatus.Owed, Answer(3).Status);
        Assert.Equal(ObligationStatus.Overdue, Answer(5).Status);
        Assert.Equal(ObligationStatus.MetLate, Answer(7).Status);
        Assert.Equal("2022-05-06T12:00:00Z", Answer(7).Met);
        Assert.Equal("2022-05-04T09:00:00Z", Answer(7).Due);
        Assert.True(Answer(7).Hypothetical);
        Assert.DoesNotContain(ObligationList.At(ledger, new DateOnly(2022, 5, 7), Usa, []), o => o.Kind == "inspection-answer");
    }

    [Fact]
    public void ReportResponse_IsOwedByTheInspectedParty()
    {
        var ledger = Some.VisitedDeveselu().Run(Some.Report("r1", "RUS", "2022-04-14", Some.DeveseluItems));
        var o = ObligationList.At(ledger, new DateOnly(2022, 4, 15), Usa, []).Single(x => x.Kind == "report-response");
        Assert.Equal(ObligationStatus.Owed, o.Status);
        Assert.Equal("2022-04-28", o.Due);
        Assert.Equal(ObligationStatus.Overdue, ObligationList.At(ledger, new DateOnly(2022, 4, 29), Usa, []).Single(x => x.Kind == "report-response").Status);
    }

    [Fact]
    public void OpenQuota_IsListedOnlyOnceTheMechanismIsActive()
    {
        Assert.DoesNotContain(ObligationList.At(Some.Ledger(), new DateOnly(2022, 3, 2), Usa, []), o => o.Kind == "quota");
        var ledger = Some.ActiveAegis().Run(Some.Request("r1", "RUS", "USA", "aegis-ashore-deveselu", "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z"));
        var quota = ObligationList.At(ledger, new DateOnly(2022, 4, 5), Usa, []).Single(o => o.Kind == "quota");
        Assert.Equal(ObligationStatus.Open, quota.Status);
        Assert.Contains("up to 1 more of 2", quota.What);
    }

    private static Finding F(FindingStatus s, string text, string activity = "x", string party = "RUS", DateOnly? due = null) =>
        new(ClauseId.Parse("vienna-document-2011/38"), new PartyId(party), new Subject("activity", activity, null, null), s, text,
            [new EvidenceItem($"activity {activity}", "verified", ImmutableArray.Create("src"))]) { Due = due };

    [Fact]
    public void ClauseFindings_BecomeOwedOverdueNotReportedOrMet()
    {
        var list = ObligationList.At(Some.Ledger(), new DateOnly(2022, 1, 1), Rus,
        [
            ("prior-notification", F(FindingStatus.NotReported, "no statement by RUS that bears on it is recorded by 2021-11-01")),
            ("prior-notification", F(FindingStatus.Violated, "no statement satisfying it by 2021-11-01", "zapad-2021", due: new DateOnly(2021, 7, 30))),
            ("prior-notification", F(FindingStatus.NotApplicable, "due by 2022-02-01, after 2022-01-01; nothing to check yet", due: new DateOnly(2022, 2, 1))),
            ("prior-notification", F(FindingStatus.Complied, "notified")),
            ("prior-notification", F(FindingStatus.NotApplicable, "not in force")),
        ]);
        Assert.Equal(4, list.Count);
        Assert.Equal([ObligationStatus.Owed, ObligationStatus.Overdue, ObligationStatus.Met, ObligationStatus.NotReported],
            list.Select(o => o.Status).Order());
        Assert.Equal("2022-02-01", list.Single(o => o.Status == ObligationStatus.Owed).Due);
        Assert.All(list, o => Assert.False(o.Hypothetical));
        Assert.Equal("not-reported", ObligationList.Word(ObligationStatus.NotReported));
    }

    [Fact]
    public void NotReportedFinding_IsNotReported_ForEitherSide()
    {
        // Defender Europe 21 (USA) and Allied Resolve 2022 (RUS): no notice of either is on record, so the rules find them not reported.
        var usa = ObligationList.At(Some.Ledger(), new DateOnly(2021, 7, 1), Usa,
            [("prior-notification", F(FindingStatus.NotReported, "nothing on record by 2021-02-01", "defender-europe-21", "USA"))]);
        var rus = ObligationList.At(Some.Ledger(), new DateOnly(2022, 3, 1), Rus,
            [("prior-notification", F(FindingStatus.NotReported, "nothing on record by 2021-12-30", "allied-resolve-2022"))]);
        foreach (var o in usa.Concat(rus))
        {
            Assert.Equal(ObligationStatus.NotReported, o.Status);
            Assert.Contains("is on record, and the sources do not say none was given", o.What);
        }
    }

    [Fact]
    public void ViolatedFinding_WithANoticeOnRecordThatDoesNotSatisfy_IsOverdue_AndNamesIt()
    {
        // Russia's Vienna Document figure for Zapad-2021 (kind 'other', given 2021-09-09) is on record but is no prior notification.
        var o = Assert.Single(ObligationList.At(Some.Ledger(), new DateOnly(2021, 10, 1), Rus,
            [("prior-notification", F(FindingStatus.Violated, "no statement satisfying it by 2021-07-30", "zapad-2021"))]));
        Assert.Equal(ObligationStatus.Overdue, o.Status);
        Assert.Contains("zapad-2021-rus-vd-figure (other, given 2021-09-09)", o.What);
    }

    [Fact]
    public void ShippedViennaClauses_CheckAndObligations_GiveTheSameReading()
    {
        // Two synthetic exercises of 15,000 troops added to the shipped world: RUS's with no notice on record, USA's (in POL) with a
        // prior notification given late. The rules' findings and the obligations list must read them alike: not reported / overdue.
        var data = Alerts.AlertEngineTests.DataDirectory();
        var engine = new Rules.RuleEngine(Rules.Runtime.RuleGeography.Load(Path.Combine(data, "geo")));
        Assert.True(engine.TryLoad(Path.Combine(data, "agreements"), out var library, out var errors), string.Join("\n", errors));
        var vienna = library.Find("vienna-document-2011")!;
        Activity Exercise(string id, string party, string host) => new(new FactId(id), id, ActivityKind.Exercise, [new PartyId(party)],
            [new PartyId(host)], new Period(new DateOnly(2022, 1, 20), new DateOnly(2022, 1, 25)), null, [], Quantity.Of(15000), [],
            Evidence.From(new SourceId("troopdata-dmdc"), Confidence.Verified));
        var late = new Notification(new FactId("test-usa-late"), Usa, NotificationKind.ViennaPriorNotification, new FactId("test-usa-ex"), null,
            new DateOnly(2022, 1, 15), Quantity.Of(15000), Evidence.From(new SourceId("troopdata-dmdc"), Confidence.Verified));
        var scenario = new Scenario(Some.Scenario, [], [], [], [Exercise("test-rus-ex", "RUS", "RUS"), Exercise("test-usa-ex", "USA", "POL")],
            [late], [], []);
        var at = new DateOnly(2022, 2, 1);
        var findings = engine.Evaluate(vienna, scenario.At(at)).Where(f => f.Clause.ToString() == "vienna-document-2011/38").ToList();
        var rus = Assert.Single(findings, f => f.Subject.Id == "test-rus-ex" && f.Party == Rus);
        var usa = Assert.Single(findings, f => f.Subject.Id == "test-usa-ex" && f.Party == Usa);
        Assert.Equal(FindingStatus.NotReported, rus.Status);
        Assert.Equal(FindingStatus.Violated, usa.Status);

        var ledger = new VerificationLedger(Some.Regimes, scenario);
        var obligations = ObligationList.At(ledger, at, null, findings.Select(f => ("prior-notification", f)));
        Assert.Equal(ObligationStatus.NotReported, Assert.Single(obligations, o => o.Party == Rus && o.What.StartsWith("activity test-rus-ex", StringComparison.Ordinal)).Status);
        var overdue = Assert.Single(obligations, o => o.Party == Usa && o.What.StartsWith("activity test-usa-ex", StringComparison.Ordinal));
        Assert.Equal(ObligationStatus.Overdue, overdue.Status);
        Assert.Contains("test-usa-late (Vienna prior notification, given 2022-01-15)", overdue.What);
    }

    [Fact]
    public void NoticeBeforeItsDueDate_IsOwed_NotViolated()
    {
        var o = Assert.Single(ObligationList.At(Some.Ledger(), new DateOnly(2022, 1, 1), Rus,
            [("prior-notification", F(FindingStatus.Undetermined, "due by 2022-01-15, after 2022-01-01; nothing to check yet", "allied-resolve-2022", due: new DateOnly(2022, 1, 15)))]));
        Assert.Equal(ObligationStatus.Owed, o.Status);
    }
}
