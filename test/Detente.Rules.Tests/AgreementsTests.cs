using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;
using Detente.Data;

namespace Detente.Rules.Tests;

/// <summary>The shipped documents compile and give the findings a careful reading of the europe-2022 scenario expects.</summary>
public sealed class AgreementsTests
{
    private static readonly Lazy<(AgreementLibrary Library, Core.Scenario Scenario, Evaluator Evaluator)> Shipped = new(() =>
    {
        var data = DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var scenario = ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022"));
        return (AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames), scenario, new Evaluator(geography));
    });

    internal static string DataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return Path.Combine(dir.FullName, "data");
            }
        }

        throw new InvalidOperationException("run the tests inside the repository");
    }

    private static List<Finding> Check(string agreement, DateOnly at, IReadOnlyDictionary<string, Compilation.Compiled>? overrides = null)
    {
        var (library, scenario, evaluator) = Shipped.Value;
        return evaluator.Evaluate(library.Find(agreement)!, scenario.At(at), overrides);
    }

    /// <summary>ru-nato-2021-draft/4 with the permanently assigned non-combat staff counted (art4-count-mission-staff = 1).</summary>
    private static readonly Dictionary<string, Compilation.Compiled> CountingStaff = new() { ["art4-count-mission-staff"] = _ => 1d };

    private static Finding Single(List<Finding> findings, string clause, string subject) =>
        Assert.Single(findings, f => f.Clause.ToString() == clause && f.Subject.Id == subject);

    [Fact]
    public void Library_ShipsTheSevenDocuments()
    {
        Assert.Equal(
            ["inf-1987", "nato-2022-response", "nato-russia-founding-act-1997", "ru-nato-2021-draft", "ru-us-2021-draft", "us-2022-response", "vienna-document-2011"],
            Shipped.Value.Library.All.Select(a => a.Id));
    }

    [Fact]
    public void RuNato4_UsTroopsInPolandBeyondThe1997Baseline_Violated()
    {
        // The group holds the DMDC count, the US eFP contingent and the rotational presence since January 2017. By default the
        // 1997 DMDC snapshot (19-20, embassy-size staff) is not a deployment of forces, as the 2021 staff-size counts are not.
        var f = Single(Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12)), "ru-nato-2021-draft/4", PolandGroup);
        Assert.Equal(FindingStatus.Violated, f.Status);
        Assert.Equal(("deployment", "USA", "POL"), (f.Subject.Kind, f.Subject.Owner, f.Subject.Host));
        Assert.DoesNotContain("19–20", f.Explanation, StringComparison.Ordinal);

        // Counting the staff, the baseline is the recorded 1997 count, not a zero left by omitting small hosts.
        var counted = Single(Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12), CountingStaff), "ru-nato-2021-draft/4", PolandGroup);
        Assert.Equal(FindingStatus.Violated, counted.Status);
        Assert.Contains("against the 1997-05-27 level of 19–20 troops", counted.Explanation, StringComparison.Ordinal);
    }

    private const string PolandGroup = "usa-pol-2021+usa-pol-efp-lead+usa-pol-2022-02-existing";

    [Fact]
    public void RuNato4_ItalyWithinTheDmdcSnapshotsOwnVariation_DisputedNotViolated()
    {
        var f = Single(Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12)), "ru-nato-2021-draft/4", "usa-ita-2021");
        Assert.Equal(FindingStatus.Disputed, f.Status);
        Assert.Contains("12,436–12,695 troops", f.Explanation, StringComparison.Ordinal);
        Assert.Contains("level of 11,677–12,401 troops", f.Explanation, StringComparison.Ordinal);
        Assert.Contains("within the sources' own variation", f.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void RuNato4_EmbassySizeStaff_NotCountedByDefault_ForEveryParty()
    {
        // US personnel of embassy size (mission 'other', permanent: 15-16 in Estonia, 14-15 in the Czech Republic) are not
        // 'military forces' deployed under the default reading; training missions (rotational) still count.
        var findings = Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12));
        Assert.DoesNotContain(findings, f => f.Clause.ToString() == "ru-nato-2021-draft/4" && (f.Subject.Id is "usa-est-2021" or "usa-cze-2021"));
        Assert.DoesNotContain(findings, f => f.Clause.ToString() == "ru-nato-2021-draft/4" && f.Evidence.Any(e => e.Fact.Contains("usa-est-2021", StringComparison.Ordinal)));
        Assert.Contains(findings, f => f.Clause.ToString() == "ru-nato-2021-draft/4" && f.Subject.Id.Contains("usa-ukr-jmtg-u-gator", StringComparison.Ordinal));
    }

    [Fact]
    public void RuNato4_SmallHostAgainstItsRecorded1997Count_NotAgainstZero_WhenStaffAreCounted()
    {
        var f = Single(Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12), CountingStaff), "ru-nato-2021-draft/4", "usa-est-2021");
        Assert.Equal(FindingStatus.Violated, f.Status);
        Assert.Contains("level of 2–3 troops (usa-est-1997)", f.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("when none is recorded", f.Explanation, StringComparison.Ordinal);
        var czech = Single(Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12), CountingStaff), "ru-nato-2021-draft/4", "usa-cze-2021");
        Assert.Equal(FindingStatus.Disputed, czech.Status);
    }

    [Fact]
    public void RuNato4_BindsStates_EfpLeadNationCounted_NatoItselfNever()
    {
        var findings = Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12));
        Assert.DoesNotContain(findings, f => f.PartyCode == "NATO");
        Assert.Equal(FindingStatus.Violated, Single(findings, "ru-nato-2021-draft/4", "gbr-est-efp-lead").Status);
    }

    [Fact]
    public void RuNato7_NatoMembersTrainingMissionsInUkraine_WouldViolate_RussiaIsNotAnOtherState()
    {
        var findings = Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12));
        Assert.Equal("would violate", Single(findings, "ru-nato-2021-draft/7.1", "can-ukr-unifier").StatusWord);
        Assert.Equal("would violate", Single(findings, "ru-nato-2021-draft/7.1", "usa-ukr-jmtg-u-gator").StatusWord);
        Assert.DoesNotContain(findings, f => f.Clause.ToString() == "ru-nato-2021-draft/7.1" && f.Subject.Host == "RUS");
    }

    [Fact]
    public void RuNato4_RussianForcesInBelarusKnownFromNatosEstimate_ReachTheRule()
    {
        var belarus = Check("ru-nato-2021-draft", new DateOnly(2022, 2, 20))
            .Where(f => f.Clause.ToString() == "ru-nato-2021-draft/4" && f.PartyCode == "RUS" && f.Subject.Id.Contains("rus-blr-2022-02", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, belarus.Count);
        Assert.All(belarus, f => Assert.NotEqual(FindingStatus.Complied, f.Status));
        Assert.Contains(belarus, f => f.Explanation.Contains("30,000 (NATO)", StringComparison.Ordinal));
    }

    [Fact]
    public void FoundingAct1_RussianForcesInCrimeaUnderRussianControl_Violated()
    {
        var findings = Check("nato-russia-founding-act-1997", new DateOnly(2022, 1, 12));
        Assert.Equal(FindingStatus.Violated, Single(findings, "nato-russia-founding-act-1997/1.1", "rus-ukr-crimea-2014").Status);
        Assert.DoesNotContain(findings, f => f.Clause.ToString() == "nato-russia-founding-act-1997/1.1" && f.PartyCode != "RUS" && f.Status == FindingStatus.Violated);
    }

    [Fact]
    public void RuUs42_EastwardEnlargementOnly_FinlandCounts()
    {
        var f = Single(Check("ru-us-2021-draft", new DateOnly(2023, 4, 10)), "ru-us-2021-draft/4.2", "nato-fin");
        Assert.Equal(FindingStatus.Violated, f.Status);
    }

    [Fact]
    public void Draft_EveryFindingIsHypothetical()
    {
        var findings = Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12));
        Assert.All(findings, f => Assert.True(f.Hypothetical));
        Assert.Equal("would violate", Single(findings, "ru-nato-2021-draft/4", PolandGroup).StatusWord);
        Assert.Equal("would comply", Single(findings, "ru-nato-2021-draft/4", "usa-deu-2021").StatusWord);
    }

    [Fact]
    public void TreatyInForce_FindingsAreNotHypothetical()
    {
        var findings = Check("nato-russia-founding-act-1997", new DateOnly(2022, 1, 12));
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.False(f.Hypothetical));
        Assert.Equal(DocumentStanding.InForce, Evaluator.Standing(Shipped.Value.Library.Find("nato-russia-founding-act-1997")!, new DateOnly(2022, 1, 12)));
    }

    [Theory]
    [InlineData("nato-2022-response", "2022-01-25", "NotYetIssued")]
    [InlineData("nato-2022-response", "2022-01-26", "Hypothetical")]
    [InlineData("us-2022-response", "2022-01-12", "NotYetIssued")]
    [InlineData("ru-nato-2021-draft", "2021-12-16", "NotYetIssued")]
    [InlineData("ru-nato-2021-draft", "2021-12-17", "Hypothetical")]
    [InlineData("inf-1987", "1988-01-01", "OutOfTerm")]
    [InlineData("inf-1987", "1990-01-01", "InForce")]
    [InlineData("inf-1987", "2019-08-03", "OutOfTerm")]
    [InlineData("inf-1987", "1987-01-01", "NotYetIssued")]
    public void Standing_FollowsTheDocumentsDates(string agreement, string at, string expected)
    {
        Assert.Equal(Enum.Parse<DocumentStanding>(expected), Evaluator.Standing(Shipped.Value.Library.Find(agreement)!, DateOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ResponseBeforeItsDate_NotYetIssued_NothingEvaluated()
    {
        var findings = Check("nato-2022-response", new DateOnly(2022, 1, 12));
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.Equal(FindingStatus.NotApplicable, f.Status);
            Assert.Equal("party", f.Subject.Kind);
            Assert.Contains("not yet issued on 2022-01-12", f.Explanation, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void NatoResponse21_RussianPeacekeepersInTransnistria_HaveMoldovasConsent_AndAreNotCounted()
    {
        var findings = Check("nato-2022-response", new DateOnly(2022, 2, 1));
        Assert.DoesNotContain(findings, f => f.Subject.Id == "rus-mda-pkf");
        var ogrf = Single(findings, "nato-2022-response/2.1", "rus-mda-ogrf");
        Assert.Equal(FindingStatus.Violated, ogrf.Status);
        Assert.Equal("would violate", ogrf.StatusWord);
        Assert.Contains("refused since 2018-06-22 by MDA's account", ogrf.Explanation, StringComparison.Ordinal);
        Assert.Contains(ogrf.Evidence, e => e.Fact == "mda-rus-ogrf-refused-2018" && e.Sources.Any(s => s.StartsWith("unga-a-res-72-282", StringComparison.Ordinal)));
        var georgia = Single(findings, "nato-2022-response/2.1", "rus-geo-abkhazia-2009");
        Assert.Contains("No consent of GEO to RUS's forces is recorded", georgia.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void RuNato4_UsTroopsInGermanyBelowThe1997Level_Complied()
    {
        var f = Single(Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12)), "ru-nato-2021-draft/4", "usa-deu-2021");
        Assert.Equal(FindingStatus.Complied, f.Status);
        Assert.Contains("60,053", f.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void RuNato5_9M729_DisputedWithBothRangeClaims()
    {
        var f = Single(Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12)), "ru-nato-2021-draft/5", "rus-9m729-shuya");
        Assert.Equal(FindingStatus.Disputed, f.Status);
        Assert.Contains("480 km (RUS)", f.Explanation, StringComparison.Ordinal);
        Assert.Contains("2,350 km (USA)", f.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void RuUs7_B61InGermany_Violated()
    {
        var f = Single(Check("ru-us-2021-draft", new DateOnly(2022, 1, 12)), "ru-us-2021-draft/7.1", "usa-buchel-b61");
        Assert.Equal(FindingStatus.Violated, f.Status);
        Assert.Equal("USA", f.PartyCode);
    }

    [Fact]
    public void RuUs4_BindsTheUnitedStatesOnly()
    {
        var parties = Check("ru-us-2021-draft", new DateOnly(2022, 1, 12)).Where(f => f.Clause.ToString().StartsWith("ru-us-2021-draft/4.", StringComparison.Ordinal)
            && f.PartyCode != "*").Select(f => f.PartyCode).Distinct();
        Assert.Equal(["USA"], parties);
    }

    [Fact]
    public void Inf_AfterUsWithdrawal_NotApplicable_AndBeforeIt9M729Disputed()
    {
        Assert.All(Check("inf-1987", new DateOnly(2022, 1, 12)).Where(f => f.Status != FindingStatus.NotCheckable),
            f => Assert.Equal(FindingStatus.NotApplicable, f.Status));
        var f = Single(Check("inf-1987", new DateOnly(2019, 3, 1)), "inf-1987/1", "rus-9m729-kamyshlov");
        Assert.Equal(FindingStatus.Disputed, f.Status);
    }

    [Fact]
    public void Vienna38_Zapad2021_DisputedBetweenDeclaredShareAndClaimedTotal()
    {
        var findings = Check("vienna-document-2011", new DateOnly(2022, 1, 12));
        var f = Assert.Single(findings, f => f.Clause.ToString() == "vienna-document-2011/38" && f.Subject.Id == "zapad-2021" && f.PartyCode == "RUS");
        Assert.Equal(FindingStatus.Disputed, f.Status);
        Assert.Contains("6,400", f.Explanation, StringComparison.Ordinal);
        Assert.Contains("200,000", f.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncheckable_ArticlesAreReportedWithTheirReason()
    {
        var f = Assert.Single(Check("ru-nato-2021-draft", new DateOnly(2022, 1, 12)), f => f.Clause.ToString() == "ru-nato-2021-draft/1");
        Assert.Equal(FindingStatus.NotCheckable, f.Status);
        Assert.Contains("judgement", f.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_MisspelledParameter_NamesFileLineColumnAndSuggestion()
    {
        var text = "agreement t\n  title \"t\"\n  kind draft\n  date 2021-12-17\n  parties {RUS}\nparam zone: km = 10 km \"z\"\n" +
                   "article 1 \"x\"\n  clause \"c\"\n    forbid deployments d by d.owner where distance(d, territory({RUS})) <= zoen\n";
        var e = Assert.Throws<RuleException>(() => Compilation.AgreementCompiler.Compile(Parser.ParseDocument(text, "t.accord"), []));
        Assert.Equal("t.accord:9:76: unknown name 'zoen'; did you mean 'zone'?", e.Errors[0].ToString());
    }

    [Fact]
    public void Parse_UnknownDocumentKind_SuggestsNearest()
    {
        var e = Assert.Throws<RuleException>(() => Parser.ParseDocument("agreement t kind traety", "t.accord"));
        Assert.Equal("t.accord:1:18: unknown document kind 'traety'; expected one of: treaty, draft, proposal, political-commitment (did you mean 'treaty'?)", e.Errors[0].ToString());
    }

    [Theory]
    [InlineData("d in territory({UKR})", "yes")]
    [InlineData("d in territory({RUS})", "no")]
    [InlineData("d in controlled({RUS})", "yes")]
    [InlineData("d in controlled({UKR})", "no")]
    [InlineData("distance(d, territory({ROU})) <= 400 km", "yes")]
    [InlineData("d in border-zone({RUS}, {UKR}, 50 km)", "no")]
    public void Geography_SevastopolIsUkrainianTerritoryUnderRussianControl(string condition, string expected)
    {
        var (_, scenario, evaluator) = Shipped.Value;
        var expr = Parser.ParseExpression(condition);
        var checker = new Checking.Checker("");
        checker.Check(expr, Checking.CheckScope.Empty(evaluator.Geography.RegionNames).With("d", FactKind.Deployment), Checking.RuleType.Truth);
        var compiled = new Compilation.ExprCompiler(checker.Types, new Dictionary<string, int> { ["d"] = 0 }).Compile(expr);
        var env = new Env(scenario.At(new DateOnly(2022, 1, 12)), evaluator.Geography, new Dictionary<string, object>());
        env.Slots[0] = scenario.Deployments.Single(d => d.Id.Value == "rus-ukr-crimea-2014");
        Assert.Equal(expected, Compilation.ExprCompiler.Word((Truth)compiled(env)!));
    }

    [Fact]
    public void Vienna68_SimultaneousActivities_RussiaWithinTheLimit_AlliedResolveCountsOnlyAsAnUpperFigure()
    {
        var findings = Check("vienna-document-2011", new DateOnly(2022, 2, 15));
        var f = Assert.Single(findings, f => f.Clause.ToString() == "vienna-document-2011/68.2" && f.PartyCode == "RUS");
        Assert.Equal("zapad-2021+allied-resolve-2022", f.Subject.Id);
        Assert.Equal(FindingStatus.Complied, f.Status);

        // Allied Resolve's 30,000 (NATO) against at most 9,000 (Russia, Belarus) is disputed, so it counts only as "up to".
        Assert.Contains("none surely", f.Explanation, StringComparison.Ordinal);
    }
}

/// <summary>The shipped scenario's sources: each says where it comes from and how reliable it is, and none is a bare home page.</summary>
public sealed class ShippedSourcesTests
{
    private static readonly Lazy<Core.Scenario> Scenario = new(() => ScenarioLoader.Load(Path.Combine(AgreementsTests.DataDirectory(), "scenarios", "europe-2022")));

    [Fact]
    public void EverySource_HasAnOriginAndAGrade()
    {
        var missing = Scenario.Value.Sources.Values.Where(s => s.Origin is null || s.Reliability is null).Select(s => s.Id.Value).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void NoSource_IsABareHomePage_OrAnAggregatorThatWasReplaced()
    {
        var bare = Scenario.Value.Sources.Values
            .Where(s => s.Url is { } u && Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.AbsolutePath is "/" or "" && uri.Query.Length == 0)
            .Select(s => s.Id.Value).ToList();
        Assert.Empty(bare);
        Assert.DoesNotContain(Scenario.Value.Sources.Values, s => s.Url?.Contains("liquisearch.com", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Aggregators_AreGradedBelowThePressTheyCopy()
    {
        foreach (var id in new[] { "imalbania-2020-efp", "efp-total-4500", "urdupoint-2021-09-16-zapad-observers", "ap-2022-02-02-kirby" })
        {
            Assert.True(Scenario.Value.Sources[new Core.SourceId(id)].Reliability >= 'D', id);
        }

        Assert.Equal('E', Scenario.Value.Sources[new Core.SourceId("scirp-ru-bases-table")].Reliability);
        Assert.Equal("RUS", Scenario.Value.Sources[new Core.SourceId("tass-1405135")].Origin);
        Assert.Equal("NATO", Scenario.Value.Sources[new Core.SourceId("nato-lc-efp")].Origin);
    }
}

/// <summary>Russian forces in Crimea: Ukraine's figure is the only one, so findings that rest on it are disputed, never plain violations.</summary>
public sealed class CrimeaFigureTests
{
    [Fact]
    public void RuNato4_RussianForcesInUkraine_WithUkrainesFigureOnly_AreDisputed()
    {
        var data = AgreementsTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var scenario = ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        var findings = new Evaluator(geography).Evaluate(library.Find("ru-nato-2021-draft")!, scenario.At(new DateOnly(2022, 1, 12)));
        var crimea = Assert.Single(findings, f => f.Clause.ToString() == "ru-nato-2021-draft/4" && f.Subject.Id.Contains("rus-ukr-crimea-2021-troops", StringComparison.Ordinal));
        Assert.Equal(FindingStatus.Disputed, crimea.Status);
        Assert.Contains(crimea.Evidence, e => e.Sources.Contains("ukrinform-2021-02-17-crimea"));
    }
}
