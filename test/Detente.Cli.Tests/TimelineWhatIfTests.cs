namespace Detente.Cli.Tests;

public sealed class TimelineWhatIfTests
{
    [Fact]
    public void Timeline_Inf_ShowsTheTreatyEndingInAugust2019()
    {
        var result = Cli.Run("timeline", "--agreement", "inf-1987", "--from", "2019-06-01", "--to", "2019-09-01", "--step", "month", "--json");
        Assert.Equal(0, result.ExitCode);
        var points = result.Json().GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(4, points.Count);
        Assert.False(points[0].GetProperty("counts").TryGetProperty("not-applicable", out _));
        Assert.True(points[3].GetProperty("counts").TryGetProperty("not-applicable", out _));
    }

    [Fact]
    public void WhatIf_UkraineJoinsNato_ViolatesTheEnlargementBan()
    {
        var overlay = Path.Combine(Cli.RepositoryRoot(), "data", "whatif", "ukraine-joins-nato.json");
        var result = Cli.Run("whatif", "--at", "2022-03-15", "--apply", overlay, "--agreement", "ru-nato-2021-draft", "--json");
        Assert.Equal(0, result.ExitCode);
        var changes = result.Json().GetProperty("changes").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("clause").GetString() == "ru-nato-2021-draft/6"
            && c.GetProperty("party").GetString() == "USA"
            && c.GetProperty("before").GetString() == "complied"
            && c.GetProperty("after").GetString() == "violated");
    }

    [Fact]
    public void WhatIf_UnknownKind_SuggestsNearest()
    {
        var path = Path.Combine(Path.GetTempPath(), $"whatif-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"deploymnets\": []}");
        var result = Cli.Run("whatif", "--at", "2022-01-12", "--apply", path);
        File.Delete(path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'deployments'?", result.Error);
    }

    [Fact]
    public void Demo_PrintsTheComplianceMatrix()
    {
        var result = Cli.Run("demo");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Compliance on 2022-01-12", result.Output);
        Assert.Contains("Telling findings", result.Output);
    }

    [Fact]
    public void WhatIf_BadFact_NamesTheOverlayLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"whatif-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"memberships\": [],\n  \"deployments\": [\n    {\"id\": \"x1\", \"owner\": \"USA\", \"host\": \"POL\", \"quantity\": 5, \"unit\": \"trops\"}\n  ]\n}\n");
        var result = Cli.Run("whatif", "--at", "2022-01-12", "--apply", path);
        File.Delete(path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}:4:", result.Error);
    }
}
