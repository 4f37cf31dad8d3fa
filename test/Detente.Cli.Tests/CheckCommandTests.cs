namespace Detente.Cli.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void Check_Json_GivesTheDocumentedShape()
    {
        var result = Cli.Run("check", "--agreement", "ru-nato-2021-draft", "--at", "2022-01-12", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("ru-nato-2021-draft", json.GetProperty("agreement").GetString());
        Assert.Equal("2022-01-12", json.GetProperty("at").GetString());
        var finding = json.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("subject").GetProperty("id").GetString() == "usa-pol-2021+usa-pol-efp-lead+usa-pol-2022-02-existing");
        Assert.Equal("ru-nato-2021-draft/4", finding.GetProperty("clause").GetString());
        Assert.Equal("USA", finding.GetProperty("party").GetString());
        Assert.Equal("deployment", finding.GetProperty("subject").GetProperty("kind").GetString());
        Assert.Equal("POL", finding.GetProperty("subject").GetProperty("host").GetString());
        Assert.Equal("violated", finding.GetProperty("status").GetString());
        Assert.NotEmpty(finding.GetProperty("evidence").EnumerateArray());
    }

    [Fact]
    public void Check_FailOnViolation_ExitsOne()
    {
        Assert.Equal(1, Cli.Run("check", "--agreement", "nato-russia-founding-act-1997", "--at", "2022-01-12", "--fail-on-violation",
            "--param", "substantial-combat-forces=100").ExitCode);
    }

    [Fact]
    public void Check_FailOnViolation_WouldViolateOfADraftIsNoViolation()
    {
        Assert.Equal(0, Cli.Run("check", "--agreement", "ru-us-2021-draft", "--at", "2022-01-12", "--fail-on-violation").ExitCode);
    }

    [Fact]
    public void Check_Draft_JsonMarksEveryFindingHypothetical()
    {
        var json = Cli.Run("check", "--agreement", "ru-nato-2021-draft", "--at", "2022-01-12", "--json").Json();
        Assert.Equal("not-in-force", json.GetProperty("standing").GetString());
        var findings = json.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("status").GetString() != "not-checkable").ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.GetProperty("hypothetical").GetBoolean()));
    }

    [Fact]
    public void Check_TreatyInForce_JsonFindingsAreNotHypothetical()
    {
        var json = Cli.Run("check", "--agreement", "vienna-document-2011", "--at", "2022-01-12", "--json").Json();
        Assert.Equal("in-force", json.GetProperty("standing").GetString());
        Assert.All(json.GetProperty("findings").EnumerateArray(), f => Assert.False(f.GetProperty("hypothetical").GetBoolean()));
    }

    [Fact]
    public void Check_Draft_TableSaysWouldViolate()
    {
        var result = Cli.Run("check", "--agreement", "ru-nato-2021-draft", "--at", "2022-01-12", "--party", "USA");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("would violate", result.Output);
        Assert.DoesNotContain("│ violated", result.Output);
        Assert.Contains("not in force on the date", result.Output);
    }

    [Fact]
    public void Check_ResponseBeforeItsDate_IsNotYetIssued()
    {
        var json = Cli.Run("check", "--agreement", "nato-2022-response", "--at", "2022-01-12", "--json").Json();
        Assert.Equal("not-yet-issued", json.GetProperty("standing").GetString());
        Assert.All(json.GetProperty("findings").EnumerateArray(), f => Assert.Equal("not-applicable", f.GetProperty("status").GetString()));
        var matrix = Cli.Run("check", "--all", "--at", "2022-01-12").Output;
        Assert.Contains("not yet issued", matrix);
        Assert.Contains("would: 15 viol", matrix);
    }

    [Fact]
    public void Check_Json_EvidenceCarriesProvenanceAndAdmiraltyGrades()
    {
        var json = Cli.Run("check", "--agreement", "nato-2022-response", "--at", "2022-02-01", "--json").Json();
        var finding = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("subject").GetProperty("id").GetString() == "rus-mda-ogrf");
        var evidence = finding.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal("reported", evidence.Single(e => e.GetProperty("fact").GetString() == "rus-mda-ogrf").GetProperty("provenance").GetString());
        var consent = evidence.Single(e => e.GetProperty("fact").GetString() == "mda-rus-ogrf-refused-2018");
        Assert.Equal(1, consent.GetProperty("credibility").GetInt32());
        Assert.Equal("A", consent.GetProperty("reliability").GetProperty("unga-a-res-72-282").GetString());
        Assert.Equal("A1", consent.GetProperty("grade").GetString());
    }

    [Fact]
    public void Explain_ShowsEvidenceProvenanceAndGrade()
    {
        var result = Cli.Run("explain", "nato-2022-response/2.1", "--subject", "rus-mda-ogrf", "--at", "2022-02-01");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("evidence mda-rus-ogrf-refused-2018 (verified, reported, A1)", result.Output);
        Assert.Contains("would violate", result.Output);
    }

    [Fact]
    public void AuditBalance_Scenario_CountsConsentsSourcesAndTheSameFindingsAsCheck()
    {
        var result = Cli.Run("audit", "balance", "--at", "2022-01-12", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        var parties = json.GetProperty("parties").EnumerateArray().ToDictionary(p => p.GetProperty("party").GetString()!);
        Assert.Equal(2, parties["MDA"].GetProperty("facts").GetProperty("consent-as-host").GetProperty("reported").GetInt32());
        Assert.Equal(2, parties["RUS"].GetProperty("facts").GetProperty("consent-as-party").GetProperty("reported").GetInt32());
        Assert.True(json.GetProperty("sources_by_origin").GetProperty("international").GetInt32() >= 1);
        Assert.True(parties["USA"].GetProperty("facts").GetProperty("deployment").GetProperty("declared").GetInt32() > 0);

        // The findings counted are those 'check --all' gives for the same day.
        var check = Cli.Run("check", "--all", "--at", "2022-01-12", "--json").Json().GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("party").GetString() == "USA").ToList();
        var wouldViolate = check.Count(f => f.GetProperty("status").GetString() == "violated" && f.GetProperty("hypothetical").GetBoolean());
        Assert.True(wouldViolate > 0);
        Assert.Equal(wouldViolate, parties["USA"].GetProperty("findings").GetProperty("would violate").GetInt32());
    }

    [Fact]
    public void AuditBalance_Table_NamesThePartiesAndTheOrigins()
    {
        var result = Cli.Run("audit", "balance", "--at", "2022-01-12");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Sources by origin:", result.Output);
        Assert.Contains("│ RUS", result.Output);
    }

    [Fact]
    public void Check_Param_ChangesTheOutcome()
    {
        var result = Cli.Run("check", "--agreement", "nato-russia-founding-act-1997", "--at", "2022-01-12", "--json",
            "--param", "substantial-combat-forces=100");
        var finding = result.Json().GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("subject").GetProperty("id").GetString() == "usa-pol-2021");
        Assert.Equal("violated", finding.GetProperty("status").GetString());
    }

    [Fact]
    public void Check_UnknownAgreement_SuggestsNearestAndExitsTwo()
    {
        var result = Cli.Run("check", "--agreement", "ru-nato-2021-drft", "--at", "2022-01-12");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'ru-nato-2021-draft'?", result.Error);
    }

    [Fact]
    public void Check_All_ShowsTheMatrix()
    {
        var result = Cli.Run("check", "--all", "--at", "2022-01-12");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("vienna-document-2011", result.Output);
        Assert.Contains("USA", result.Output);
    }

    [Fact]
    public void Explain_WalksThroughTheDisputedRange()
    {
        var result = Cli.Run("explain", "ru-nato-2021-draft/5", "--subject", "rus-9m729-shuya", "--at", "2022-01-12");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("480 km (RUS) → no", result.Output);
        Assert.Contains("disputed", result.Output);
    }

    [Fact]
    public void Agreements_Coverage_ListsWhatIsNotCheckable()
    {
        var result = Cli.Run("agreements", "coverage", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(7, result.Json().GetArrayLength());
    }

    [Fact]
    public void Lint_BadFile_NamesLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lint-{Guid.NewGuid():N}.accord");
        File.WriteAllText(path, "agreement x\n  title \"x\"\n  kind traety\n");
        var result = Cli.Run("lint", path);
        File.Delete(path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(":3:8: unknown document kind 'traety'; expected one of: treaty, draft, proposal, political-commitment (did you mean 'treaty'?)", result.Error);
    }
}
