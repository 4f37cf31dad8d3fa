using Detente.Core;

namespace Detente.Data.Tests;

/// <summary>Admiralty grades as data: a source's reliability (A–F) and origin, a fact's or a claim's credibility (1–6), all optional.</summary>
public sealed class GradingTests
{
    [Fact]
    public void Load_Grades_AreReadOnSourcesFactsAndClaims()
    {
        using var some = new Some();
        some.Replace("sources.json", "\"kind\": \"press\"}", "\"kind\": \"press\", \"reliability\": \"B\", \"origin\": \"USA\"}");
        some.Replace("sources.json", "\"kind\": \"official\"}", "\"kind\": \"official\", \"origin\": \"international\"}");
        some.Replace("observations.json", "\"confidence\": \"verified\"", "\"confidence\": \"verified\", \"credibility\": 3");
        some.Replace("systems.json", "\"by\": \"RUS\", \"sources\": [\"src-a\"], \"confidence\": \"disputed\"",
            "\"by\": \"RUS\", \"sources\": [\"src-a\"], \"confidence\": \"disputed\", \"credibility\": 4");
        var scenario = some.Load();
        var a = scenario.Sources[new SourceId("src-a")];
        Assert.Equal(('B', "USA"), (a.Reliability, a.Origin));
        var b = scenario.Sources[new SourceId("src-b")];
        Assert.Equal(((char?)null, "international"), (b.Reliability, b.Origin));
        Assert.Equal(3, scenario.Observations[0].Evidence.Credibility);
        Assert.Null(scenario.Deployments[0].Evidence.Credibility);
        var claims = scenario.Systems[new SystemId("msl")].RangeKm!.Claims;
        Assert.Equal(4, claims[0].Evidence!.Credibility);
        Assert.Null(claims[1].Evidence!.Credibility);
    }

    [Fact]
    public void Grades_HaveTheirAdmiraltyWords()
    {
        Assert.Equal("usually reliable", Source.ReliabilityWord('B'));
        Assert.Equal("doubtful", Evidence.CredibilityWord(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Source.ReliabilityWord('G'));
    }

    // Bad inputs tried: a letter beyond F, two letters, a lower-case letter, a number for a letter, credibility 0, 7 and 2.5,
    // a string for a number, an origin that is neither a party nor a known word, an unknown party as origin, and a claim with
    // credibility but no sources.
    [Theory]
    [InlineData("sources.json", "\"kind\": \"press\"}", "\"kind\": \"press\", \"reliability\": \"G\"}", "sources.json:2:118", "field 'reliability': 'G' is not a grade; expected one letter of the Admiralty scale")]
    [InlineData("sources.json", "\"kind\": \"press\"}", "\"kind\": \"press\", \"reliability\": \"AB\"}", "sources.json:2:118", "field 'reliability': 'AB' is not a grade")]
    [InlineData("sources.json", "\"kind\": \"press\"}", "\"kind\": \"press\", \"reliability\": \"b\"}", "sources.json:2:118", "field 'reliability': 'b' is not a grade")]
    [InlineData("sources.json", "\"kind\": \"press\"}", "\"kind\": \"press\", \"reliability\": 2}", "sources.json:2:118", "field 'reliability': expected a string")]
    [InlineData("observations.json", "\"confidence\": \"verified\"", "\"confidence\": \"verified\", \"credibility\": 0", "observations.json:3:", "field 'credibility': 0 is not a grade; expected a whole number of the Admiralty scale, 1")]
    [InlineData("observations.json", "\"confidence\": \"verified\"", "\"confidence\": \"verified\", \"credibility\": 7", "observations.json:3:", "field 'credibility': 7 is not a grade")]
    [InlineData("observations.json", "\"confidence\": \"verified\"", "\"confidence\": \"verified\", \"credibility\": 2.5", "observations.json:3:", "field 'credibility': 2.5 is not a grade")]
    [InlineData("observations.json", "\"confidence\": \"verified\"", "\"confidence\": \"verified\", \"credibility\": \"2\"", "observations.json:3:", "field 'credibility': expected a number")]
    [InlineData("sources.json", "\"kind\": \"press\"}", "\"kind\": \"press\", \"origin\": \"neutral\"}", "sources.json:2:113", "field 'origin': 'neutral' is not an origin; expected a party code")]
    [InlineData("sources.json", "\"kind\": \"press\"}", "\"kind\": \"press\", \"origin\": \"UKR\"}", "sources.json:2:3", "field 'origin': unknown party 'UKR'")]
    [InlineData("systems.json", "{\"max\": 2350, \"by\": \"USA\", \"sources\": [\"src-b\"], \"confidence\": \"disputed\"}", "{\"max\": 2350, \"by\": \"USA\", \"credibility\": 2}", "systems.json:", "a claim with its own evidence needs both 'sources' and 'confidence'; missing 'sources'")]
    public void Load_BadGrade_ReportsFileLineColumnAndField(string file, string oldText, string newText, string where, string message)
    {
        using var some = new Some();
        some.Replace(file, oldText, newText);
        var error = some.LoadFails();
        Assert.Contains(where, error);
        Assert.Contains(message, error);
    }
}
