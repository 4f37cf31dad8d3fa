namespace Detente.Cli.Tests;

public sealed class WorldCommandTests
{
    [Theory]
    [InlineData("1997-05-27", 16)]
    [InlineData("1999-03-12", 19)]
    [InlineData("2004-03-29", 26)]
    [InlineData("2022-01-12", 30)]
    [InlineData("2023-04-04", 31)]
    [InlineData("2024-03-08", 32)]
    public void Members_Nato_CountsTheMembersOfThatDay(string at, int expected)
    {
        var result = Cli.Run("world", "members", "NATO", "--at", at, "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("NATO", json.GetProperty("alliance").GetString());
        Assert.Equal(at, json.GetProperty("at").GetString());
        var members = json.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(expected, members.Count);
        Assert.Equal(members.Order(StringComparer.Ordinal), members);
    }

    [Fact]
    public void Members_Nato1997_AreTheSixteenOfTheFoundingActDay()
    {
        var members = Cli.Run("world", "members", "NATO", "--at", "1997-05-27", "--json").Json()
            .GetProperty("members").EnumerateArray().Select(m => m.GetString());
        Assert.Equal(["BEL", "CAN", "DEU", "DNK", "ESP", "FRA", "GBR", "GRC", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "TUR", "USA"], members);
    }

    [Fact]
    public void Members_NotAnAlliance_ExitsWithTwo()
    {
        var result = Cli.Run("world", "members", "POL", "--at", "2022-01-12");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not an alliance", result.Error);
    }

    [Theory]
    [InlineData("2022-13-01", "--at: expected a date like 2022-01-12, found '2022-13-01'")]
    [InlineData("12/01/2022", "--at: expected a date like 2022-01-12")]
    public void World_BadDate_ExitsWithTwoAndSaysWhatWasExpected(string at, string message)
    {
        var result = Cli.Run("world", "--at", at);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void World_Summary_ListsAlliancesAndControl()
    {
        var result = Cli.Run("world", "--at", "2022-01-12");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("NATO", result.Output);
        Assert.Contains("crimea", result.Output);
    }

    [Fact]
    public void World_Json_KeepsEveryControlClaim()
    {
        var json = Cli.Run("world", "--at", "2022-01-12", "--json").Json();
        var claims = json.GetProperty("control").EnumerateArray().Where(c => c.GetProperty("area").GetString() == "abkhazia").ToList();
        Assert.True(claims.Count >= 2, "disputed control of abkhazia should keep each claim");
        Assert.All(claims, c => Assert.Equal("disputed", c.GetProperty("confidence").GetString()));
    }

    [Fact]
    public void Deployments_HostFilter_ReturnsOnlyThatHost()
    {
        var json = Cli.Run("deployments", "--host", "POL", "--at", "2022-02-20", "--json").Json();
        var rows = json.GetProperty("deployments").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, d => Assert.Equal("POL", d.GetProperty("host").GetString()));
        Assert.All(rows, d => Assert.NotEmpty(d.GetProperty("sources").EnumerateArray()));
    }

    [Fact]
    public void Deployments_UnknownParty_SuggestsTheNearest()
    {
        var result = Cli.Run("deployments", "--host", "POLL", "--at", "2022-01-12");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown party 'POLL'; did you mean 'POL'?", result.Error);
    }

    [Fact]
    public void Scenario_Broken_ExitsWithTwoNamingFileLineAndColumn()
    {
        var dir = Path.Combine(Path.GetTempPath(), "detente-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var source = Path.Combine(Cli.RepositoryRoot(), "data", "scenarios", "europe-2022");
            foreach (var file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(dir, "scenario.json"), File.ReadAllText(Path.Combine(source, "scenario.json"))
                .Replace("../../catalog", Path.Combine(Cli.RepositoryRoot(), "data", "catalog"))
                .Replace("../../geo", Path.Combine(Cli.RepositoryRoot(), "data", "geo")));
            var memberships = Path.Combine(dir, "memberships.json");
            var text = File.ReadAllText(memberships);
            var at = text.IndexOf("\"joined\"", StringComparison.Ordinal);
            File.WriteAllText(memberships, text[..at] + "\"joined\": 1999, \"was\"" + text[(at + "\"joined\"".Length)..]);

            var result = Cli.Run("world", "--at", "2022-01-12", "--scenario", dir);
            Assert.Equal(2, result.ExitCode);
            Assert.Matches(@"memberships\.json:\d+:\d+: field 'joined': expected a date like ""2022-01-12"", found the number 1999", result.Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void UnknownVerb_ExitsWithTwo()
    {
        Assert.Equal(2, Cli.Run("wrold").ExitCode);
    }
}

public sealed class WorldControlTests
{
    [Fact]
    public void Control_Simferopol2022_IsUkrainianTerritoryControlledByRussia()
    {
        var json = Cli.Run("world", "control", "--point", "44.95,34.1", "--at", "2022-01-12", "--json").Json();
        Assert.Equal("UKR", json.GetProperty("territory").GetString());
        Assert.Equal(["RUS"], json.GetProperty("controllers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("crimea", json.GetProperty("areas")[0].GetProperty("area").GetString());
    }

    [Fact]
    public void Control_Simferopol2013_IsControlledByTheRecognisedState()
    {
        var json = Cli.Run("world", "control", "--point", "44.95,34.1", "--at", "2013-01-12", "--json").Json();
        Assert.Equal(["UKR"], json.GetProperty("controllers").EnumerateArray().Select(c => c.GetString()));
        Assert.False(json.GetProperty("disputed").GetBoolean());
    }

    [Fact]
    public void Control_Sukhumi2022_KeepsEveryClaim()
    {
        var json = Cli.Run("world", "control", "--point", "43.0,41.02", "--at", "2022-01-12", "--json").Json();
        Assert.Equal("GEO", json.GetProperty("territory").GetString());
        Assert.True(json.GetProperty("disputed").GetBoolean());
        Assert.True(json.GetProperty("controllers").GetArrayLength() >= 2);
    }

    [Fact]
    public void Control_OpenSea_HasNoTerritory()
    {
        var json = Cli.Run("world", "control", "--point", "55.5,18.5", "--at", "2022-01-12", "--json").Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("territory").ValueKind);
        Assert.Equal(0, json.GetProperty("controllers").GetArrayLength());
    }

    [Fact]
    public void Control_BadPoint_ExitsWithTwo() =>
        Assert.Equal(2, Cli.Run("world", "control", "--point", "91,0", "--at", "2022-01-12").ExitCode);
}
