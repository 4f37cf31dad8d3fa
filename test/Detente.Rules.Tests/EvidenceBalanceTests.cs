using Detente.Core;
using Detente.Data;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;

namespace Detente.Rules.Tests;

/// <summary>
/// Issue 17, classes 4 and 9 in the scenario's data: the eFP sizes rest on graded national and NATO sources, HMS Defender's
/// passage is one incident with both parties' accounts, and Russian statements with figures on NATO and US activity are recorded.
/// </summary>
public sealed class EvidenceBalanceTests
{
    private static readonly Lazy<Core.Scenario> Scenario = new(() =>
        ScenarioLoader.Load(Path.Combine(AgreementsTests.DataDirectory(), "scenarios", "europe-2022")));

    private static char Grade(SourceRef source) => Scenario.Value.Sources[source.Source].Reliability ?? 'F';

    [Theory]
    [InlineData("gbr-est-efp-lead")]
    [InlineData("can-lva-efp-lead")]
    [InlineData("deu-ltu-efp-lead")]
    [InlineData("nato-efp-est")]
    [InlineData("nato-efp-lva")]
    [InlineData("nato-efp-ltu")]
    [InlineData("nato-efp-pol")]
    public void EfpSize_HasAClaimFromASourceGradedCOrBetter_AndTheDGradedCopyIsNeverTheOnlyBasis(string id)
    {
        var deployment = Assert.Single(Scenario.Value.Deployments, d => d.Id.Value == id);
        var claims = deployment.Quantity.Claims;
        Assert.True(claims.Length >= 2, id);
        Assert.All(claims, c => Assert.NotNull(c.Evidence?.Credibility));
        Assert.Contains(claims, c => c.Evidence!.Sources.Any(s => Grade(s) <= 'C'));

        // The figures read in imalbania.com's copy of NATO's 2020 numbers stay, as a second claim graded doubtful (4).
        Assert.All(
            claims.Where(c => c.Evidence!.Sources.All(s => Grade(s) >= 'D' || s.Source.Value == "nato-lc-efp")),
            c => Assert.True(c.Evidence!.Credibility >= 4, $"{id}: {c}"));
    }

    [Fact]
    public void HmsDefender_IsOneIncidentWithTheTwoPartiesAccountsEachInItsAuthorsName()
    {
        var incident = Assert.Single(Scenario.Value.Activities, a => a.Id.Value == "hms-defender-2021-06-23");
        Assert.Equal(ActivityKind.Other, incident.Kind);
        Assert.Equal(["GBR", "RUS"], incident.Participants.Select(p => p.Code));
        Assert.Equal(Confidence.Disputed, incident.Evidence.Confidence);
        Assert.Equal(new DateOnly(2021, 6, 23), incident.Period.From);

        var uk = Assert.Single(Scenario.Value.Observations, o => o.Id.Value == "obs-2021-06-23-gbr-rus-defender");
        var ru = Assert.Single(Scenario.Value.Observations, o => o.Id.Value == "obs-2021-06-23-rus-gbr-defender");
        Assert.Equal(("GBR", "RUS"), (uk.Observer.Code, uk.Subject.Code));
        Assert.Equal(("RUS", "GBR"), (ru.Observer.Code, ru.Subject.Code));
        Assert.All([uk, ru], o => Assert.Equal(Confidence.Disputed, o.Evidence.Confidence));
        Assert.All([uk, ru], o => Assert.Equal(o.Evidence.Credibility, 3));

        // Each account cites a source from its own side, so neither rests only on the other's word.
        Assert.Contains(uk.Evidence.Sources, s => Scenario.Value.Sources[s.Source].Origin == "GBR");
        Assert.Contains(ru.Evidence.Sources, s => Scenario.Value.Sources[s.Source].Origin == "RUS");
        Assert.All(uk.Evidence.Sources.Concat(ru.Evidence.Sources).Concat(incident.Evidence.Sources), s => Assert.NotNull(s.Locator));
    }

    [Fact]
    public void HmsDefender_IsNotAChapterVActivity_SoTheViennaDocumentDoesNotJudgeIt()
    {
        // Before the fix, an activity of kind 'other' with no troop figure gave 'undetermined' notification, calendar and
        // constraint findings for GBR, RUS and UKR, and was counted with Zapad-2021 against Russia's limit of para 67.
        var data = AgreementsTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        var findings = new Evaluator(geography).Evaluate(library.Find("vienna-document-2011")!, Scenario.Value.At(new DateOnly(2021, 6, 23)));
        Assert.NotEmpty(findings);
        Assert.DoesNotContain(findings, f => f.Subject.Id.Contains("hms-defender", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Evidence.Any(e => e.Fact.Contains("hms-defender", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("obs-2024-01-21-rus-nato-steadfast-defender", "NATO")]
    [InlineData("obs-2021-11-12-rus-usa-black-sea-ships", "USA")]
    [InlineData("obs-2021-11-25-rus-usa-arleigh-burke", "USA")]
    public void RussianStatementOnNatoOrUsActivity_IsRussiasReportedObservation_WithLocatorsAndAGrade(string id, string subject)
    {
        var o = Assert.Single(Scenario.Value.Observations, o => o.Id.Value == id);
        Assert.Equal(("RUS", subject, Provenance.Reported), (o.Observer.Code, o.Subject.Code, o.Provenance));
        Assert.NotNull(o.Evidence.Credibility);
        Assert.All(o.Evidence.Sources, s => Assert.NotNull(s.Locator));
        Assert.All(o.Evidence.Sources, s => Assert.NotNull(Scenario.Value.Sources[s.Source].Reliability));
        Assert.Contains(o.Evidence.Sources, s => Scenario.Value.Sources[s.Source].Origin == "RUS");
    }

    [Fact]
    public void SteadfastDefender_RussiasFigureAndNatosAreBothKeptWithTheirAuthors()
    {
        var o = Assert.Single(Scenario.Value.Observations, o => o.Id.Value == "obs-2024-01-21-rus-nato-steadfast-defender");
        Assert.Equal(["RUS", "NATO"], o.Quantity.Claims.Select(c => c.By!.Value.Code));
        Assert.All(o.Quantity.Claims, c => Assert.Equal((90000d, 90000d), (c.Min, c.Max)));
    }

    [Theory]
    [InlineData("GBR", "gbr-est-efp-lead+gbr-est-2022-02-reinforcement")]
    [InlineData("DEU", "deu-ltu-efp-lead+deu-ltu-2022-02-reinforcement")]
    public void LeadNationsReinforcementsOfFebruary2022_AreCountedLikeTheUsOnes(string party, string group)
    {
        // The US reinforcements of February 2022 were recorded and the allies' were not, so Art. 4 saw only US growth.
        var data = AgreementsTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        var findings = new Evaluator(geography).Evaluate(library.Find("ru-nato-2021-draft")!, Scenario.Value.At(new DateOnly(2022, 2, 20)));
        var f = Assert.Single(findings, f => f.Clause.ToString() == "ru-nato-2021-draft/4" && f.Subject.Id == group);
        Assert.Equal((FindingStatus.Violated, party), (f.Status, f.PartyCode));
        Assert.DoesNotContain(findings, f => f.Subject.Id.Contains("reinforcement", StringComparison.Ordinal) && f.Subject.Id != group && f.PartyCode == party);
    }
}
