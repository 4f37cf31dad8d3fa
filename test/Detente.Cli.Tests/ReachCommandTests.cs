using System.Text.Json;

namespace Detente.Cli.Tests;

public sealed class ReachCommandTests
{
    private static Dictionary<string, double> Reached(JsonElement answer) =>
        answer.GetProperty("reached").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!, s => s.GetProperty("distance_km").GetDouble());

    [Fact]
    public void Reach_FromChernyakhovsk500Km_ReachesTheNeighboursButNotFrance()
    {
        var result = Cli.Run("reach", "--from", "54.63,21.83", "--range", "500", "--json");
        Assert.Equal(0, result.ExitCode);
        var reached = Reached(result.Json());
        Assert.Equal(0, reached["RUS"]);
        // The Kaliningrad–Poland border runs about 30 km south of Chernyakhovsk; Lithuania's border is about 50 km east and north.
        Assert.InRange(reached["POL"], 25, 35);
        Assert.InRange(reached["LTU"], 45, 56);
        Assert.Contains("BLR", reached.Keys);
        Assert.Contains("SWE", reached.Keys);
        Assert.DoesNotContain("FRA", reached.Keys);
        Assert.All(reached.Values, d => Assert.InRange(d, 0, 500));
    }

    [Fact]
    public void Reach_DistancesAreSortedAndGrowWithRange()
    {
        var small = Reached(Cli.Run("reach", "--from", "44.08,24.38", "--range", "200", "--json").Json());
        var large = Reached(Cli.Run("reach", "--from", "44.08,24.38", "--range", "1000", "--json").Json());
        Assert.Subset(large.Keys.ToHashSet(), small.Keys.ToHashSet());
        Assert.Equal(small.Values.Order(), small.Values);
        Assert.Contains("BGR", small.Keys); // Deveselu lies about 40 km north of the Danube border with Bulgaria.
        Assert.Equal(small["BGR"], large["BGR"]);
    }

    [Fact]
    public void Reach_SiteWithDisputedRange_AnswersOncePerClaim()
    {
        var json = Cli.Run("reach", "--site", "kapustin-yar", "--system", "9m729", "--at", "2022-01-12", "--json").Json();
        Assert.True(json.GetProperty("range_disputed").GetBoolean());
        var answers = json.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal([480.0, 2350.0], answers.Select(a => a.GetProperty("range_km").GetDouble()));
        Assert.True(Reached(answers[1]).Count > Reached(answers[0]).Count);
        Assert.All(answers, a => Assert.NotEmpty(a.GetProperty("claims").EnumerateArray()));
        Assert.NotEmpty(json.GetProperty("deployed").EnumerateArray());
    }

    [Fact]
    public void Reach_WithSpeed_GivesFlightTimes()
    {
        var answer = Cli.Run("reach", "--from", "54.63,21.83", "--range", "300", "--speed", "600", "--json").Json().GetProperty("answers")[0];
        var poland = answer.GetProperty("reached").EnumerateArray().Single(s => s.GetProperty("state").GetString() == "POL");
        Assert.Equal(poland.GetProperty("distance_km").GetDouble() / 600, poland.GetProperty("flight_time_h").GetDouble(), 2);
    }

    // Bad inputs tried: latitude out of range, unparseable point, negative and zero range, unknown site, missing --system,
    // both --from and --site, no origin at all, zero speed.
    [Theory]
    [InlineData("--from: expected LAT,LON", "reach", "--from", "95,10", "--range", "100")]
    [InlineData("--from: expected LAT,LON", "reach", "--from", "north", "--range", "100")]
    [InlineData("--range: expected a distance in km greater than 0", "reach", "--from", "50,10", "--range", "-5")]
    [InlineData("--range: expected a distance in km greater than 0", "reach", "--from", "50,10", "--range", "0")]
    [InlineData("--range: required with --from", "reach", "--from", "50,10")]
    [InlineData("--site: unknown site 'chernyakovsk'; did you mean 'chernyakhovsk'?", "reach", "--site", "chernyakovsk", "--system", "9m723")]
    [InlineData("--system: required with --site", "reach", "--site", "chernyakhovsk")]
    [InlineData("give either --from with --range, or --site with --system", "reach", "--from", "50,10", "--range", "5", "--site", "chernyakhovsk")]
    [InlineData("give either --from LAT,LON with --range KM", "reach")]
    [InlineData("--speed: expected a speed in km/h greater than 0", "reach", "--from", "50,10", "--range", "5", "--speed", "0")]
    public void Reach_BadInput_ExitsWithTwo(string message, params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }
}
