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
            .Single(f => f.GetProperty("subject").GetProperty("id").GetString() == "usa-pol-2021");
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
        Assert.Equal(1, Cli.Run("check", "--agreement", "ru-us-2021-draft", "--at", "2022-01-12", "--fail-on-violation").ExitCode);
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
