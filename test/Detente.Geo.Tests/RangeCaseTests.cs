using Detente.Core;

namespace Detente.Geo.Tests;

/// <summary>How a system's range claims become the ranges reach is computed for (which deployments count as the system at a site: Node.Tests, which can read a scenario).</summary>
public sealed class RangeCaseTests
{
    [Fact]
    public void Of_EachKindOfClaim_GivesItsFigureAndBasis_ShortestFirst()
    {
        var range = Quantity.FromClaims([new Claim(2350, 2350), new Claim(null, 500), new Claim(380, 480), new Claim(501, null)]);
        var cases = RangeCase.Of(range);
        Assert.Equal([480.0, 500.0, 501.0, 2350.0], cases.Select(c => c.Kilometres));
        Assert.Equal(["upper bound of the range", "upper bound (up to)", "lower bound (at least)", "value"], cases.Select(c => c.Basis));
        Assert.All(cases, c => Assert.Single(c.Claims));
    }

    [Fact]
    public void Of_ClaimsOfTheSameFigure_ShareOneCase_AndNoPositiveFigureGivesNone()
    {
        var range = Quantity.FromClaims([new Claim(500, 500, new PartyId("RUS")), new Claim(null, 500), new Claim(0, 0)]);
        var only = Assert.Single(RangeCase.Of(range));
        Assert.Equal(500, only.Kilometres);
        Assert.Equal(2, only.Claims.Count);
        Assert.Equal("value; upper bound (up to)", only.Basis);
    }

    [Fact]
    public void Given_HasNoClaim() => Assert.Equal(new RangeCase(300, [], "given").Kilometres, RangeCase.Given(300).Kilometres);
}
