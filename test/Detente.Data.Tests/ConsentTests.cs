using Detente.Core;

namespace Detente.Data.Tests;

/// <summary>The consent fact kind: read with every claim, checked against the deployments it names, and dated in the world.</summary>
public sealed class ConsentTests
{
    private const string Consents = """
        {"consents": [
          {"id": "pol-usa-given", "host": "POL", "party": "USA", "stance": "given", "deployments": ["usa-pol-1"],
           "basis": "a stationing agreement", "from": "2017-01-01", "provenance": "reported", "sources": ["src-a"], "confidence": "verified"},
          {"id": "pol-usa-refused", "host": "POL", "party": "USA", "stance": "refused", "by": "POL",
           "from": "2022-03-01", "to": "2022-12-31", "provenance": "declared", "sources": ["src-b"], "confidence": "disputed"}
        ]}
        """;

    private static Some WithConsents()
    {
        var some = new Some();
        some.Write("consents.json", Consents);
        return some;
    }

    [Fact]
    public void Load_Consents_KeepsEveryClaimWithItsFields()
    {
        using var some = WithConsents();
        var scenario = some.Load();
        Assert.Equal(2, scenario.Consents.Length);
        var given = scenario.Consents[0];
        Assert.Equal((ConsentStance.Given, "POL", "USA", Provenance.Reported), (given.Stance, given.Host.Code, given.Party.Code, given.Provenance));
        Assert.Equal(["usa-pol-1"], given.Deployments.Select(d => d.Value));
        Assert.Equal("a stationing agreement", given.Basis);
        var refused = scenario.Consents[1];
        Assert.Equal((ConsentStance.Refused, "POL", Confidence.Disputed), (refused.Stance, refused.By!.Value.Code, refused.Evidence.Confidence));
        Assert.True(refused.Deployments.IsEmpty);
    }

    [Fact]
    public void Load_NoConsentsFile_HasNoConsents()
    {
        using var some = new Some();
        Assert.Empty(some.Load().Consents);
    }

    [Fact]
    public void World_Consents_AreThoseOfTheDay_AndCoverOnlyTheNamedDeployments()
    {
        using var some = WithConsents();
        var scenario = some.Load();
        var early = scenario.At(new DateOnly(2021, 6, 1));
        var d1 = scenario.Deployments.Single(d => d.Id.Value == "usa-pol-1");
        var d2 = scenario.Deployments.Single(d => d.Id.Value == "usa-pol-2");
        Assert.Equal(["pol-usa-given"], early.ConsentsFor(d1).Select(c => c.Id.Value));
        Assert.Empty(early.ConsentsFor(d2));
        var later = scenario.At(new DateOnly(2022, 4, 1));
        Assert.Equal(["pol-usa-given", "pol-usa-refused"], later.ConsentsFor(d1).Select(c => c.Id.Value));
        Assert.Equal(["pol-usa-refused"], later.ConsentsFor(d2).Select(c => c.Id.Value));
        Assert.Empty(scenario.At(new DateOnly(2016, 1, 1)).ConsentsFor(new PartyId("POL"), new PartyId("USA")));
    }

    // Bad inputs tried: an unknown deployment, a deployment of another owner, a host that is not a state, consent to oneself,
    // a stance outside the vocabulary, a missing provenance, a deployment id that is not a string, and a misspelt field.
    [Theory]
    [InlineData("[\"usa-pol-1\"]", "[\"usa-pol-9\"]", "consents.json:2:93", "field 'deployments[0]': unknown deployment 'usa-pol-9'")]
    [InlineData("\"party\": \"USA\", \"stance\": \"given\"", "\"party\": \"RUS\", \"stance\": \"given\"", "consents.json:2:3", "field 'deployments[0]': deployment 'usa-pol-1' is USA's forces in POL; this consent is POL's to RUS's forces")]
    [InlineData("{\"id\": \"pol-usa-given\", \"host\": \"POL\"", "{\"id\": \"pol-usa-given\", \"host\": \"NATO\"", "consents.json:2:", "field 'host': 'NATO' is not a state")]
    [InlineData("\"host\": \"POL\", \"party\": \"USA\", \"stance\": \"refused\"", "\"host\": \"POL\", \"party\": \"POL\", \"stance\": \"refused\"", "consents.json:4:", "field 'party': 'POL' is the host itself")]
    [InlineData("\"stance\": \"given\"", "\"stance\": \"maybe\"", "consents.json:2:", "field 'stance': 'maybe' is not allowed; expected one of:")]
    [InlineData("\"provenance\": \"declared\", ", "", "consents.json:4:3", "missing field 'provenance'")]
    [InlineData("[\"usa-pol-1\"]", "[7]", "consents.json:2:93", "field 'deployments[0]': expected a deployment id, found the number 7")]
    [InlineData("\"basis\"", "\"basys\"", "consents.json:", "field 'basys': unknown field; did you mean 'basis'?")]
    public void Load_BadConsent_ReportsFileLineColumnAndField(string oldText, string newText, string where, string message)
    {
        using var some = WithConsents();
        some.Replace("consents.json", oldText, newText);
        var error = some.LoadFails();
        Assert.Contains(where, error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void RecordRoundTrip_KeepsConsents_DeclaredByTheHost()
    {
        using var some = WithConsents();
        var manifest = ScenarioManifest.Read(some.Directory);
        var facts = ScenarioLoader.Facts(manifest);
        var consents = facts.Where(f => f.Kind == StatementKind.Consent).ToList();
        Assert.Equal(2, consents.Count);
        Assert.Null(consents.Single(c => c.Id == "pol-usa-given").Author);
        Assert.Equal("POL", consents.Single(c => c.Id == "pol-usa-refused").Author);
        var rebuilt = ScenarioLoader.FromStatements(facts.Select((f, i) => new RecordedFact(f.Kind, f.Author ?? "DETENTE-LIBRARIAN", f.Json, i)));
        Assert.Equal(["pol-usa-given", "pol-usa-refused"], rebuilt.Consents.Select(c => c.Id.Value));
        Assert.NotNull(rebuilt.Consents[0].Evidence.RecordIndex);
    }

    [Fact]
    public void RecordFacts_ObservedDeployment_IsRefused_TheLibrarianAssertsOnlyReportedFacts()
    {
        using var some = new Some();
        some.Replace("deployments.json", "\"provenance\": \"reported\", \"sources\": [\"src-a\"]", "\"provenance\": \"observed\", \"sources\": [\"src-a\"]");
        var error = Assert.Throws<InputException>(() => ScenarioLoader.Facts(ScenarioManifest.Read(some.Directory)));
        Assert.Contains("deployment-declaration 'usa-pol-1' is observed", error.Message);
        Assert.Contains("the librarian asserts only reported facts", error.Message);
    }

    [Fact]
    public void RecordFacts_ReportedObservation_IsTheLibrarians_ObservedIsTheObservers()
    {
        using var some = new Some();
        var facts = ScenarioLoader.Facts(ScenarioManifest.Read(some.Directory));
        Assert.Equal("USA", facts.Single(f => f.Kind == StatementKind.Observation).Author);
        some.Replace("observations.json", "\"quantity\": {\"min\": 100000},", "\"quantity\": {\"min\": 100000}, \"provenance\": \"reported\",");
        facts = ScenarioLoader.Facts(ScenarioManifest.Read(some.Directory));
        Assert.Null(facts.Single(f => f.Kind == StatementKind.Observation).Author);
    }
}
