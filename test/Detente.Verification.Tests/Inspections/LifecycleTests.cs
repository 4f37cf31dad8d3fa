using Detente.Rules.Runtime;
using Detente.Verification.Inspections;
using Detente.Verification.Steps;

namespace Detente.Verification.Tests.Inspections;

public sealed class LifecycleTests
{
    [Fact]
    public void FullPath_RequestAnswerVisitReportCountersign_ReachesCountersigned()
    {
        var ledger = Some.VisitedDeveselu().Run(
            Some.Report("r1", "RUS", "2022-04-14", Some.DeveseluItems),
            Some.Countersign("r1", "USA", "2022-04-20"));
        var c = ledger.Inspection("r1")!;
        Assert.Equal(InspectionStage.Countersigned, c.Stage);
        Assert.False(c.AnsweredLate);
        Assert.Equal(InspectionStage.Accepted, c.StageOn(new DateOnly(2022, 4, 6)));
    }

    [Fact]
    public void Dissent_ReachesDissented()
    {
        var ledger = Some.VisitedDeveselu().Run(
            Some.Report("r1", "RUS", "2022-04-14", Some.DeveseluItems),
            Some.Dissent("r1", "USA", "2022-04-20", "2"));
        Assert.Equal(InspectionStage.Dissented, ledger.Inspection("r1")!.Stage);
    }

    [Fact]
    public void Refusal_WithReason_IsRecordedAndFreesTheQuota()
    {
        var ledger = Some.ActiveAegis().Run(
            Some.Request("r1", "RUS", "USA", "aegis-ashore-redzikowo", "2023-03-06T09:00:00Z", "2023-03-14T08:00:00Z"),
            Some.Answer("r1", "USA", "2023-03-07T09:00:00Z", accepted: false, reason: "not operational"));
        var c = ledger.Inspection("r1")!;
        Assert.Equal(InspectionStage.Refused, c.Stage);
        Assert.Equal("not operational", c.Answer!.Reason);
        Assert.Equal(0, ledger.Used(c.Regime, c.Request.Receiving, 2023));
    }

    [Fact]
    public void Refusal_WithoutReason_IsABadBody()
    {
        var e = Assert.Throws<Core.InputException>(() => Some.Answer("r1", "USA", "2023-03-07", accepted: false));
        Assert.Contains("a refusal needs its 'reason'", e.Message);
    }

    [Fact]
    public void LateAnswer_IsFlagged()
    {
        var ledger = Some.ActiveAegis().Run(
            Some.Request("r1", "USA", "RUS", "kamyshlov", "2022-05-02T09:00:00Z", "2022-05-10T08:00:00Z", checks: "\"9m729-absent\""),
            Some.Answer("r1", "RUS", "2022-05-06T12:00:00Z"));
        var c = ledger.Inspection("r1")!;
        Assert.True(c.AnsweredLate);
        Assert.Equal("2022-05-04T09:00:00Z", c.AnswerDue.ToString());
    }

    // Bad inputs tried: each out-of-order or disallowed step below; each is rejected with its reason and changes nothing.
    [Theory]
    [InlineData("report-without-request", "unknown inspection request 'r9'")]
    [InlineData("report-before-acceptance", "has not been answered; a report needs an accepted request")]
    [InlineData("report-after-refusal", "been refused; a report needs an accepted request")]
    [InlineData("report-without-visit", "no visit is recorded under 'r1'")]
    [InlineData("answer-unknown", "unknown inspection request 'r2'; did you mean 'r1'?")]
    [InlineData("answer-by-inspector", "is answered by USA, the receiving party, not RUS")]
    [InlineData("answer-twice", "was already answered")]
    [InlineData("visit-before-answer", "a visit needs an accepted request")]
    [InlineData("countersign-before-report", "no report is recorded under 'r1'")]
    [InlineData("countersign-by-inspector", "the inspected party, not RUS")]
    public void OutOfOrderSteps_AreRejectedWithTheReason(string scenario, string reason)
    {
        var ledger = Some.ActiveAegis().Run(
            Some.Request("r1", "RUS", "USA", "aegis-ashore-deveselu", "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z"));
        Step[] setup = scenario switch
        {
            "report-after-refusal" => [Some.Answer("r1", "USA", "2022-04-05", false, "no")],
            "report-without-visit" or "answer-twice" => [Some.Answer("r1", "USA", "2022-04-05")],
            "countersign-by-inspector" => [Some.Answer("r1", "USA", "2022-04-05"), Some.Visit("r1", "RUS", "2022-04-12T08:00:00Z", "2022-04-12T20:00:00Z"),
                Some.Report("r1", "RUS", "2022-04-14", Some.DeveseluItems)],
            _ => [],
        };
        ledger.Run(setup);
        var step = scenario switch
        {
            "report-without-request" => Some.Report("r9", "RUS", "2022-04-14", Some.DeveseluItems),
            "report-before-acceptance" or "report-after-refusal" or "report-without-visit" => Some.Report("r1", "RUS", "2022-04-14", Some.DeveseluItems),
            "answer-unknown" => Some.Answer("r2", "USA", "2022-04-05"),
            "answer-by-inspector" => Some.Answer("r1", "RUS", "2022-04-05"),
            "answer-twice" => Some.Answer("r1", "USA", "2022-04-06"),
            "visit-before-answer" => Some.Visit("r1", "RUS", "2022-04-12T08:00:00Z", "2022-04-12T20:00:00Z"),
            "countersign-before-report" => Some.Countersign("r1", "USA", "2022-04-20"),
            _ => Some.Countersign("r1", "RUS", "2022-04-20"),
        };
        var before = ledger.Inspection("r1")!.Stage;
        var check = ledger.Apply(step);
        Assert.False(check.Accepted);
        Assert.Contains(reason, check.Reason);
        Assert.Equal(before, ledger.Inspection("r1")!.Stage);
    }

    // Bad inputs tried: requests the regime does not allow.
    [Theory]
    [InlineData("POL", "USA", "aegis-ashore-deveselu", "POL may not inspect USA")]
    [InlineData("RUS", "USA", "chernyakhovsk", "site 'chernyakhovsk' is not subject to 'aegis-ashore-transparency'")]
    [InlineData("USA", "RUS", "chernyakhovsk", "the designated sites of side 'russian-bases' are kamyshlov, shuya")]
    [InlineData("RUS", "USA", "aegis-ashore-devesel", "unknown site 'aegis-ashore-devesel'; did you mean 'aegis-ashore-deveselu'?")]
    public void Request_NotAllowedByTheRegime_IsRejected(string author, string receiving, string site, string reason)
    {
        var check = Some.ActiveAegis().Apply(Some.Request("x", author, receiving, site, "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z",
            checks: author == "USA" ? "\"9m729-absent\"" : "\"tomahawk-absent\""));
        Assert.False(check.Accepted);
        Assert.Contains(reason, check.Reason);
    }

    [Fact]
    public void Request_BeforeBothDesignations_IsRejected()
    {
        var ledger = Some.Ledger().Run(Some.Designation("aegis-sites", "\"aegis-ashore-deveselu\", \"aegis-ashore-redzikowo\""));
        var check = ledger.Apply(Some.Request("r1", "RUS", "USA", "aegis-ashore-deveselu", "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z"));
        Assert.False(check.Accepted);
        Assert.Contains("is not active", check.Reason);
        Assert.Contains("russian-bases", check.Reason);
    }

    [Theory]
    [InlineData("RUS", "aegis-sites", "\"aegis-ashore-deveselu\", \"aegis-ashore-redzikowo\"", "designated by USA, not RUS")]
    [InlineData("USA", "russian-bases", "\"kamyshlov\"", "takes 2 distinct sites; 1 given")]
    [InlineData("USA", "russian-bases", "\"kamyshlov\", \"aegis-ashore-deveselu\"", "is in ROU; side 'russian-bases' designates sites in RUS")]
    [InlineData("USA", "russian-bases", "\"kamyshlov\", \"kamyshlov\"", "2 distinct sites")]
    [InlineData("USA", "russian-side", "\"kamyshlov\", \"shuya\"", "has no side 'russian-side'")]
    public void Designation_Invalid_IsRejected(string author, string side, string sites, string reason)
    {
        var check = Some.Ledger().Apply(Some.Designation(side, sites, author: author));
        Assert.False(check.Accepted);
        Assert.Contains(reason, check.Reason);
    }

    [Fact]
    public void Designation_Twice_IsRejected()
    {
        var check = Some.ActiveAegis().Apply(Some.Designation("russian-bases", "\"kamyshlov\", \"mozdok\""));
        Assert.False(check.Accepted);
        Assert.Contains("already designated", check.Reason);
    }

    [Theory]
    [InlineData("2022-04-05T09:00:00Z", 4, "needs 72 hours' notice")]
    [InlineData("2022-04-12T08:00:00Z", 5, "a team of 5 exceeds the 4 inspectors")]
    public void Request_ShortNoticeOrLargeTeam_IsRejected(string visit, int team, string reason)
    {
        var check = Some.ActiveAegis().Apply(Some.Request("r1", "RUS", "USA", "aegis-ashore-deveselu", "2022-04-04T09:00:00Z", visit, team));
        Assert.False(check.Accepted);
        Assert.Contains(reason, check.Reason);
    }

    [Fact]
    public void Visit_LongerThanTheRegimeAllows_IsRejected()
    {
        var ledger = Some.ActiveAegis().Run(
            Some.Request("r1", "RUS", "USA", "aegis-ashore-deveselu", "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z"),
            Some.Answer("r1", "USA", "2022-04-05T09:00:00Z"));
        var check = ledger.Apply(Some.Visit("r1", "RUS", "2022-04-12T08:00:00Z", "2022-04-13T20:00:00Z"));
        Assert.False(check.Accepted);
        Assert.Contains("lasted 36 hours; 'aegis-ashore-transparency' allows 24", check.Reason);
    }

    [Fact]
    public void Report_ItemOfACheckNotRequested_IsRejected()
    {
        var check = Some.VisitedDeveselu().Apply(Some.Report("r1", "RUS", "2022-04-14",
            """{"check": "9m729-absent", "text": "none", "present": false}"""));
        Assert.False(check.Accepted);
        Assert.Contains("item 1: check '9m729-absent' was not requested", check.Reason);
    }

    [Fact]
    public void Report_PresenceCheckWithoutPresent_IsRejected()
    {
        var check = Some.VisitedDeveselu().Apply(Some.Report("r1", "RUS", "2022-04-14", """{"check": "tomahawk-absent", "text": "?"}"""));
        Assert.False(check.Accepted);
        Assert.Contains("needs 'present'", check.Reason);
    }

    [Fact]
    public void Report_AgreeingWithTheDeclaration_IsComplied()
    {
        var ledger = Some.VisitedDeveselu().Run(Some.Report("r1", "RUS", "2022-04-14", Some.DeveseluItems));
        var findings = VerificationFindings.At(ledger, new DateOnly(2022, 4, 30));
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingStatus.Complied, f.Status));
        Assert.All(findings, f => Assert.Equal("us-2022-response/2.1", f.Clause.ToString()));
    }

    [Fact]
    public void Report_UnderAProposedRegime_IsHypothetical_WouldComply()
    {
        var ledger = Some.VisitedDeveselu().Run(Some.Report("r1", "RUS", "2022-04-14", Some.DeveseluItems));
        var findings = VerificationFindings.At(ledger, new DateOnly(2022, 4, 30));
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.Hypothetical));
        Assert.All(findings, f => Assert.Equal("would comply", f.StatusWord));
    }

    [Fact]
    public void Report_TomahawkPresent_ContradictsTheDeclaration_DisputedUntilCountersigned()
    {
        var ledger = Some.VisitedDeveselu().Run(Some.Report("r1", "RUS", "2022-04-14", """
            {"check": "tomahawk-absent", "text": "Tomahawk canisters in two cells", "present": true},
            {"check": "mk41-modules", "text": "four modules", "count": 4}
            """));
        var before = VerificationFindings.At(ledger, new DateOnly(2022, 4, 15));
        Assert.All(before, f => Assert.Equal(FindingStatus.Disputed, f.Status));
        Assert.Contains(before, f => f.Explanation.Contains("no tomahawk declared", StringComparison.Ordinal));
        Assert.Contains(before, f => f.Explanation.Contains("3 mk41-aegis-ashore declared", StringComparison.Ordinal));
        Assert.All(before, f => Assert.Contains(f.Evidence, e => e.Fact.StartsWith("inspection-report r1", StringComparison.Ordinal)));
        ledger.Run(Some.Countersign("r1", "USA", "2022-04-20"));
        Assert.All(VerificationFindings.At(ledger, new DateOnly(2022, 4, 30)), f => Assert.Equal(FindingStatus.Violated, f.Status));
        Assert.All(VerificationFindings.At(ledger, new DateOnly(2022, 4, 15)), f => Assert.Equal(FindingStatus.Disputed, f.Status));
    }

    [Fact]
    public void Report_ContradictionWithDissent_StaysDisputed()
    {
        var ledger = Some.VisitedDeveselu().Run(
            Some.Report("r1", "RUS", "2022-04-14", """{"check": "tomahawk-absent", "text": "Tomahawk present", "present": true}"""),
            Some.Dissent("r1", "USA", "2022-04-20"));
        var f = Assert.Single(VerificationFindings.At(ledger, new DateOnly(2022, 5, 1)));
        Assert.Equal(FindingStatus.Disputed, f.Status);
        Assert.Contains("dissents", f.Explanation);
    }

    [Fact]
    public void Report_AtASiteWithNoDeclaration_IsUndetermined()
    {
        var ledger = Some.ActiveAegis().Run(
            Some.Request("u1", "USA", "RUS", "kamyshlov", "2022-05-02T09:00:00Z", "2022-05-10T08:00:00Z", checks: "\"9m729-absent\""),
            Some.Answer("u1", "RUS", "2022-05-03"),
            Some.Visit("u1", "USA", "2022-05-10T08:00:00Z", "2022-05-10T20:00:00Z"),
            Some.Report("u1", "USA", "2022-05-12", """{"check": "9m729-absent", "text": "none", "present": false}"""));
        var f = Assert.Single(VerificationFindings.At(ledger, new DateOnly(2022, 6, 1)));
        Assert.Equal(FindingStatus.Undetermined, f.Status);
        Assert.Contains("nothing is declared at kamyshlov", f.Explanation);
    }
}
