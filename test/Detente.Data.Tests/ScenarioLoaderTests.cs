using Detente.Core;

namespace Detente.Data.Tests;

public sealed class ScenarioLoaderTests
{
    [Fact]
    public void Load_ValidScenario_ReadsEveryKind()
    {
        using var some = new Some();
        var scenario = some.Load();
        Assert.Equal("tiny", scenario.Info.Id);
        Assert.Equal(2, scenario.Sources.Count);
        Assert.Equal(4, scenario.Parties.Count);
        Assert.Equal(2, scenario.Systems.Count);
        Assert.Equal(2, scenario.Memberships.Length);
        Assert.Equal(2, scenario.Deployments.Length);
        Assert.Single(scenario.Activities);
        Assert.Single(scenario.Notifications);
        Assert.Single(scenario.Observations);
    }

    [Fact]
    public void Load_DeploymentWithSite_TakesHostFromSite()
    {
        using var some = new Some();
        var deployment = some.Load().Deployments.Single(d => d.Id.Value == "usa-pol-1");
        Assert.Equal(new PartyId("POL"), deployment.Host);
        Assert.Equal(new SiteId("base-1"), deployment.Site);
    }

    [Fact]
    public void Load_DisputedRange_KeepsEveryClaimWithItsSource()
    {
        using var some = new Some();
        var range = some.Load().Systems[new SystemId("msl")].RangeKm!;
        Assert.True(range.IsDisputed);
        Assert.Equal(2, range.Claims.Length);
        Assert.Equal(480, range.Low);
        Assert.Equal(2350, range.High);
        Assert.Equal(new SourceId("src-b"), range.Claims[1].Evidence!.Sources[0].Source);
        Assert.Equal(new PartyId("RUS"), range.Claims[0].By);
    }

    [Fact]
    public void Load_MembershipLeft_IsExclusiveOfTheLastDay()
    {
        using var some = new Some();
        some.Replace("memberships.json", "\"joined\": \"1999-03-12\",", "\"joined\": \"1999-03-12\", \"left\": \"2000-01-01\",");
        var period = some.Load().Memberships.Single(m => m.Member.Code == "POL").Period;
        Assert.True(period.Contains(new DateOnly(1999, 12, 31)));
        Assert.False(period.Contains(new DateOnly(2000, 1, 1)));
    }

    [Fact]
    public void Load_Shards_AreReadTogether()
    {
        using var some = new Some();
        some.Write("deployments.0001.json", """
            {"deployments": [
              {"id": "usa-pol-3", "owner": "USA", "host": "POL", "quantity": 5, "unit": "aircraft", "permanence": "temporary",
               "mission": "other", "from": "2022-01-01", "provenance": "declared", "sources": ["src-a"], "confidence": "verified"}
            ]}
            """);
        Assert.Equal(3, some.Load().Deployments.Length);
    }

    // Bad inputs tried, each must name file, line, column and field and say what was expected.
    [Theory]
    [InlineData("deployments.json", "\"owner\": \"USA\", \"site\"", "\"owner\": \"USAA\", \"site\"", "deployments.json:2:32", "field 'owner': unknown party 'USAA'; did you mean 'USA'?")]
    [InlineData("deployments.json", "\"from\": \"2022-02-05\", \"to\": \"2022-06-30\"", "\"from\": \"2022-02-05\", \"to\": \"2022-01-30\"", "deployments.json:5:80", "field 'to': 2022-01-30 is before 'from' 2022-02-05")]
    [InlineData("sites.json", "\"lat\": 53.8", "\"lat\": 95", "sites.json:2:92", "field 'location.lat': 95 is out of range; expected a latitude in [-90, 90]")]
    [InlineData("sites.json", "\"lon\": 21.9", "\"lon\": -200", "sites.json:2:105", "field 'location.lon': -200 is out of range")]
    [InlineData("deployments.json", "\"quantity\": 1000", "\"quantity\": -3", "deployments.json:2:69", "field 'quantity': -3 is negative")]
    [InlineData("deployments.json", "{\"min\": 1500, \"max\": 1700}", "{\"min\": 1700, \"max\": 1500}", "deployments.json:4:66", "field 'quantity': 'min' 1,700 is greater than 'max' 1,500")]
    [InlineData("deployments.json", "\"id\": \"usa-pol-2\"", "\"id\": \"usa-pol-1\"", "deployments.json:4:3", "field 'id': duplicate id 'usa-pol-1', first defined at")]
    [InlineData("deployments.json", "\"unit\": \"troops\", \"permanence\": \"rotational\"", "\"unit\": \"troops\", \"permanance\": \"rotational\"", "deployments.json:2:93", "field 'permanance': unknown field; did you mean 'permanence'?")]
    [InlineData("deployments.json", "\"site\": \"base-1\"", "\"site\": \"base-2\"", "deployments.json:2:47", "field 'site': unknown site 'base-2'; did you mean 'base-1'?")]
    [InlineData("memberships.json", "\"joined\": \"1999-03-12\"", "\"joined\": \"1999-3-12\"", "memberships.json:3:69", "field 'joined': expected a date like \"2022-01-12\", found \"1999-3-12\"")]
    [InlineData("memberships.json", "\"joined\": \"1999-03-12\"", "\"joined\": \"1999-02-30\"", "memberships.json:3:69", "expected a date like")]
    [InlineData("memberships.json", "\"alliance\": \"NATO\", \"member\": \"POL\"", "\"alliance\": \"POL\", \"member\": \"POL\"", "memberships.json:3:3", "field 'alliance': 'POL' is not an alliance")]
    [InlineData("activities.json", "\"end\": \"2021-09-16\"", "\"end\": \"2021-09-01\"", "activities.json:3:34", "field 'end': 2021-09-01 is before 'start' 2021-09-10")]
    [InlineData("observations.json", "\"sources\": [\"src-a\"], \"confidence\": \"verified\"", "\"confidence\": \"verified\"", "observations.json:2:3", "missing field 'sources'; every fact needs at least one source")]
    [InlineData("observations.json", "\"confidence\": \"verified\"", "\"confidence\": \"sure\"", "observations.json:3:40", "field 'confidence': 'sure' is not allowed; expected one of:")]
    [InlineData("observations.json", "\"sources\": [\"src-a\"]", "\"sources\": [\"src-c\"]", "observations.json:3:16", "field 'sources[0]': unknown source 'src-c'; did you mean 'src-a'?")]
    [InlineData("observations.json", "\"what\": \"troops\"", "\"what\": \"tanks\"", "observations.json:2:84", "field 'what': unknown system 'tanks'")]
    [InlineData("notifications.json", "\"activity\": \"ex-1\"", "\"activity\": \"ex-2\"", "notifications.json:2:85", "field 'activity': unknown activity 'ex-2'; did you mean 'ex-1'?")]
    [InlineData("systems.json", "{\"system\": \"msl\"", "{\"system\": \"missile\"", "systems.json:7:3", "field 'fires': system 'lnch' fires unknown system 'missile'")]
    [InlineData("parties.json", "{\"id\": \"POL\"", "{\"id\": \"pol\"", "parties.json:2:10", "field 'id': 'pol' is not a party code")]
    [InlineData("sites.json", "\"id\": \"base-1\"", "\"id\": \"Base 1\"", "sites.json:2:10", "field 'id': 'Base 1' is not a valid site id")]
    [InlineData("deployments.json", "\"site\": \"base-1\",", "\"site\": \"base-1\", \"host\": \"RUS\",", "deployments.json:2:65", "field 'host': 'RUS' differs from the host of site 'base-1' ('POL')")]
    [InlineData("deployments.json", "\"owner\": \"USA\", \"host\": \"POL\"", "\"owner\": \"USA\", \"host\": \"NATO\"", "deployments.json:4:47", "field 'host': 'NATO' is not a state")]
    public void Load_BadRecord_ReportsFileLineColumnAndField(string file, string oldText, string newText, string where, string message)
    {
        using var some = new Some();
        some.Replace(file, oldText, newText);
        var error = some.LoadFails();
        Assert.Contains(where, error);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("{\"deployments\": [ {\"id\": \"x\", } ]}", "deployments.json:1:31", "malformed JSON")]
    [InlineData("{\"deployments\": [", "deployments.json:1:18", "malformed JSON")]
    [InlineData("{\"deployments\": {}}", "deployments.json:1:17", "field 'deployments': expected the list of deployments (a JSON array), found an object")]
    [InlineData("{\"deploiments\": []}", "deployments.json:1:2", "field 'deploiments': unknown field; did you mean 'deployments'?")]
    [InlineData("[]", "deployments.json:1:1", "expected an object like {\"deployments\": [...]}")]
    [InlineData("{\"deployments\": []} {}", "deployments.json:1:21", "malformed JSON")]
    [InlineData("{\"deployments\": [ 42 ]}", "deployments.json:1:19", "field 'deployments[0]': expected an object, found the number 42")]
    public void Load_MalformedFile_ReportsWhere(string json, string where, string message)
    {
        using var some = new Some();
        some.Write("deployments.json", json);
        var error = some.LoadFails();
        Assert.Contains(where, error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Load_InvalidUtf8_ReportsTheFirstBadByte()
    {
        using var some = new Some();
        File.WriteAllBytes(Path.Combine(some.Directory, "deployments.json"), [.. "{\"deployments\": [\""u8, 0xC3, 0x28, .. "\"]}"u8]);
        Assert.Contains("deployments.json:1:19: invalid UTF-8", some.LoadFails());
    }

    [Fact]
    public void Load_DuplicateAcrossShards_NamesBothPlaces()
    {
        using var some = new Some();
        some.Write("deployments.0002.json", """
            {"deployments": [
              {"id": "usa-pol-1", "owner": "USA", "host": "POL", "quantity": 5, "unit": "aircraft", "permanence": "temporary",
               "mission": "other", "from": "2022-01-01", "provenance": "declared", "sources": ["src-a"], "confidence": "verified"}
            ]}
            """);
        var error = some.LoadFails();
        Assert.Contains("deployments.0002.json:2:3", error);
        Assert.Contains("first defined at", error);
        Assert.Contains("deployments.json:2:3", error);
    }

    [Fact]
    public void Load_UnknownArea_IsRejectedWhenGeographyIsGiven()
    {
        using var some = new Some();
        some.Write("control.json", """
            {"control": [{"id": "c-1", "area": "crimea", "controller": "RUS", "from": "2014-03-18", "sources": ["src-a"], "confidence": "verified"}]}
            """);
        Assert.Single(some.Load(new HashSet<string> { "crimea" }).Control);
        var error = some.LoadFails(new HashSet<string> { "crimeaa", "transnistria" });
        Assert.Contains("control.json:1:36: field 'area': unknown area 'crimea'; did you mean 'crimeaa'?", error);
    }

    [Fact]
    public void Load_ManifestWithWrongFormat_IsRejected()
    {
        using var some = new Some();
        some.Replace("scenario.json", "detente-scenario/1", "detente-scenario/9");
        Assert.Contains("scenario.json:1:12: field 'format': 'detente-scenario/9' is not a format this version reads", some.LoadFails());
    }
}
