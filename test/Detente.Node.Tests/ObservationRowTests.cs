using System.Text;
using Detente.Core;
using Detente.Node.Projection;
using Detente.Verification.Alerts;
using Detente.Verification.Observations;

namespace Detente.Node.Tests;

/// <summary>
/// An observation file's <c>where</c> reaches the world: a recorded row becomes an observation of that part of its area, so
/// alerts compare and trend it only with estimates of the same part.
/// </summary>
public sealed class ObservationRowTests
{
    private static ObservationRows Rows(string csv) => ObservationFile.ParseCsv("f.csv", Encoding.UTF8.GetBytes(csv), "USA");

    [Fact]
    public void ToObservation_RowWithWhere_IsAnEstimateOfThatPart_AndWithoutItOfTheWholeArea()
    {
        var rows = Rows("time,area,party,what,count,source,confidence,where\n"
                        + "2022-02-05,RUS,RUS,troops,130000,s,uncertain,near Ukraine's borders\n"
                        + "2022-02-06,RUS,RUS,troops,900000,s,uncertain,\n"
                        + "2022-02-07,RUS,RUS,troops,900000,s,uncertain,Russia\n");
        var part = RecordProjection.ToObservation(rows.Row(0), "r1", 7);
        var whole = RecordProjection.ToObservation(rows.Row(1), "r2", 7);
        Assert.Equal("near Ukraine's borders", part.Where);
        Assert.Equal("RUS", Assert.Single(part.Hosts).Code);
        Assert.Equal("RUS", whole.Where);

        // The scope alerts use: the part is its own scope; no 'where', or one naming the state, is state-wide.
        var scenario = Data.ScenarioLoader.Load(Path.Combine(Some.DataDirectory(), "scenarios", "europe-2022"));
        var observations = new[] { part, whole, RecordProjection.ToObservation(rows.Row(2), "r3", 7) };
        var table = ObservationTable.From(observations, null);
        var (scopeOf, scopes) = EstimateScope.Of(table, scenario);
        Assert.Equal(new EstimateScope("part", "near Ukraine's borders"), scopes[scopeOf[0]]);
        Assert.Equal(EstimateScope.State, scopes[scopeOf[1]]);
        Assert.Equal(EstimateScope.State, scopes[scopeOf[2]]);
    }
}
