using Detente.Core;
using Detente.Verification.Inspections;

namespace Detente.Verification.Tests.Inspections;

public sealed class QuotaTests
{
    private static Steps.Step Vienna(string id, string author, string receiving, string at, string visit) =>
        Some.Step("inspection-request", author, $$"""
            "id": "{{id}}", "regime": "vienna-inspection", "receiving": "{{receiving}}", "area": "specified area", "at": "{{at}}",
            "visit_from": "{{visit}}", "team_size": 4
            """);

    [Fact]
    public void Vienna_ThreePerReceivingStatePerYear_FourthIsRejected_NextYearIsOpen()
    {
        var ledger = Some.Ledger().Run(
            Vienna("a", "POL", "RUS", "2021-03-01", "2021-03-03"),
            Vienna("b", "LTU", "RUS", "2021-04-01", "2021-04-03"),
            Vienna("c", "LVA", "RUS", "2021-05-01", "2021-05-03"));
        var check = ledger.Apply(Vienna("d", "EST", "RUS", "2021-06-01", "2021-06-03"));
        Assert.False(check.Accepted);
        Assert.Contains("RUS has already received 3 requests under 'vienna-inspection' in 2021 (quota 3 per calendar year)", check.Reason);
        Assert.True(ledger.Apply(Vienna("d", "EST", "RUS", "2021-12-20", "2022-01-03")).Accepted);
    }

    [Fact]
    public void Vienna_OnePerInspectingStatePerReceivingState_SecondIsRejected_OtherReceiverIsOpen()
    {
        var ledger = Some.Ledger().Run(Vienna("a", "POL", "RUS", "2021-03-01", "2021-03-03"));
        var check = ledger.Apply(Vienna("b", "POL", "RUS", "2021-04-01", "2021-04-03"));
        Assert.False(check.Accepted);
        Assert.Contains("POL has already used its 1 request(s) of RUS", check.Reason);
        Assert.True(ledger.Apply(Vienna("b", "POL", "BLR", "2021-04-01", "2021-04-03")).Accepted);
    }

    [Fact]
    public void Vienna_InspectingItself_IsRejected()
    {
        var check = Some.Ledger().Apply(Vienna("a", "RUS", "RUS", "2021-03-01", "2021-03-03"));
        Assert.False(check.Accepted);
        Assert.Contains("RUS may not inspect RUS", check.Reason);
    }

    [Fact]
    public void EvaluationVisit_WithoutReportedUnits_IsRejectedWithTheReason()
    {
        var check = Some.Ledger().Apply(Some.Step("inspection-request", "POL", """
            "id": "e1", "regime": "vienna-evaluation", "receiving": "RUS", "area": "a unit", "at": "2021-03-01", "visit_from": "2021-03-10", "team_size": 2
            """));
        Assert.False(check.Accepted);
        Assert.Contains("no unit count reported by RUS for 2021", check.Reason);
    }

    [Theory]
    [InlineData(61, 2, 1)]
    [InlineData(600, 10, 2)]
    [InlineData(2000, 15, 3)]
    public void EvaluationVisit_QuotaFromReportedUnits(int units, int quota, int perInspecting)
    {
        var json = File.ReadAllText(Some.RegimesPath).Replace("\"reported_units\": []",
            $$"""
            "reported_units": [{"party": "RUS", "year": 2021, "units": {{units}}, "source": "osce-fsc-doc-1-11", "confidence": "uncertain"}]
            """, StringComparison.Ordinal);
        var regimes = Verification.Regimes.RegimeCatalog.Parse(System.Text.Encoding.UTF8.GetBytes(json), "regimes.json", Some.Scenario);
        var ledger = new VerificationLedger(regimes, Some.Scenario);
        var regime = regimes.Find("vienna-evaluation")!;
        Assert.Equal(quota, ledger.ReceivingQuota(regime, new PartyId("RUS"), 2021, out _));
        Assert.Equal(perInspecting, ledger.InspectingQuota(regime, new PartyId("RUS"), 2021));
    }

    [Fact]
    public void Aegis_QuotaPerReceivingStatePerYear_ThirdIsRejected()
    {
        var ledger = Some.ActiveAegis().Run(
            Some.Request("r1", "RUS", "USA", "aegis-ashore-deveselu", "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z"),
            Some.Request("u1", "USA", "RUS", "kamyshlov", "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z", checks: "\"9m729-absent\""),
            Some.Request("r2", "RUS", "USA", "aegis-ashore-redzikowo", "2022-05-04T09:00:00Z", "2022-05-12T08:00:00Z"),
            Some.Request("u2", "USA", "RUS", "shuya", "2022-05-04T09:00:00Z", "2022-05-12T08:00:00Z", checks: "\"9m729-absent\""));
        var check = ledger.Apply(Some.Request("r3", "RUS", "USA", "aegis-ashore-deveselu", "2022-06-04T09:00:00Z", "2022-06-12T08:00:00Z"));
        Assert.False(check.Accepted);
        Assert.Contains("quota 2 per calendar year", check.Reason);
    }

    [Fact]
    public void Aegis_Reciprocity_ASideMayNotRunAhead()
    {
        var ledger = Some.ActiveAegis().Run(
            Some.Request("r1", "RUS", "USA", "aegis-ashore-deveselu", "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z"));
        var check = ledger.Apply(Some.Request("r2", "RUS", "USA", "aegis-ashore-redzikowo", "2022-05-04T09:00:00Z", "2022-05-12T08:00:00Z"));
        Assert.False(check.Accepted);
        Assert.Contains("reciprocity: side 'aegis-sites' already has 1 inspections in 2022 against 0", check.Reason);
        ledger.Run(Some.Request("u1", "USA", "RUS", "kamyshlov", "2022-04-20T09:00:00Z", "2022-04-28T08:00:00Z", checks: "\"9m729-absent\""));
        Assert.True(ledger.Apply(Some.Request("r2", "RUS", "USA", "aegis-ashore-redzikowo", "2022-05-04T09:00:00Z", "2022-05-12T08:00:00Z")).Accepted);
    }

    [Fact]
    public void Balance_CountsEachSidePerYear()
    {
        var ledger = Some.VisitedDeveselu().Run(
            Some.Report("r1", "RUS", "2022-04-14", Some.DeveseluItems),
            Some.Countersign("r1", "USA", "2022-04-20"),
            Some.Request("u1", "USA", "RUS", "kamyshlov", "2022-05-02T09:00:00Z", "2022-05-10T08:00:00Z", checks: "\"9m729-absent\""),
            Some.Answer("u1", "RUS", "2022-05-06T12:00:00Z", accepted: false, reason: "training"));
        var rows = Balance.Of(ledger, new DateOnly(2022, 12, 31), Some.Aegis);
        Assert.Equal(2, rows.Count);
        var usSites = rows.Single(r => r.Side == "aegis-sites");
        Assert.Equal((1, 1, 0, 1, 1, 1, 1), (usSites.Requested, usSites.Accepted, usSites.Refused, usSites.Visits, usSites.Reports, usSites.Countersigned, usSites.QuotaRemaining));
        var ruBases = rows.Single(r => r.Side == "russian-bases");
        Assert.Equal((1, 0, 1, 1, 2), (ruBases.Requested, ruBases.Accepted, ruBases.Refused, ruBases.AnsweredLate, ruBases.QuotaRemaining));
        var early = Balance.Of(ledger, new DateOnly(2022, 4, 10), Some.Aegis);
        Assert.Equal(0, early.Single(r => r.Side == "aegis-sites").Visits);
    }
}
