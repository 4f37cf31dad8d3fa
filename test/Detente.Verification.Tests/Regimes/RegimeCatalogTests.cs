using Detente.Core;
using System.Text;
using Detente.Data.Json;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Verification.Tests.Regimes;

public sealed class RegimeCatalogTests
{
    [Fact]
    public void ShippedRegimes_Load_WithEveryParameterSourced()
    {
        var regimes = Some.Regimes;
        Assert.Equal(["aegis-ashore-transparency", "vienna-inspection", "vienna-evaluation", "vienna-observation", "vienna-chapter-iii"],
            regimes.All.Select(r => r.Id));
        Assert.All(regimes.All.SelectMany(r => r.Parameters.Values), p => Assert.True(p.DetenteChoice || p.Paragraph is not null));
        var aegis = regimes.Find("aegis-ashore-transparency")!;
        Assert.True(aegis.IsReciprocal);
        Assert.All(aegis.Parameters.Values, p => Assert.True(p.DetenteChoice));
        Assert.Equal(3, regimes.Find("vienna-inspection")!.Value(RegimeParameters.QuotaPerReceivingState));
        Assert.Equal(13000, regimes.Find("vienna-observation")!.Value(RegimeParameters.ObservationTroops));
    }

    private static string Mutate(string from, string to)
    {
        var text = File.ReadAllText(Some.RegimesPath);
        Assert.Contains(from, text);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    // Bad inputs tried: a misspelt parameter, field, site, party and system; a wrong type; a parameter with no paragraph; broken JSON.
    [Theory]
    [InlineData("\"team-size\":", "\"team-sise\":", "field 'regimes[0].parameters.team-sise': unknown field; did you mean 'team-size'?")]
    [InlineData("\"activation\":", "\"activaton\":", "unknown field; did you mean 'activation'?")]
    [InlineData("\"aegis-ashore-redzikowo\"]", "\"aegis-ashore-redzikow\"]", "unknown site 'aegis-ashore-redzikow'; did you mean 'aegis-ashore-redzikowo'?")]
    [InlineData("\"inspecting\": [\"RUS\"]", "\"inspecting\": [\"RUZ\"]", "unknown party 'RUZ'")]
    [InlineData("\"system\": \"tomahawk\"", "\"system\": \"tomahawc\"", "unknown system 'tomahawc'; did you mean 'tomahawk'?")]
    [InlineData("{ \"value\": 3, \"paragraph\": \"75\"", "{ \"value\": \"three\", \"paragraph\": \"75\"", "expected a number from 0, found the string \"three\"")]
    [InlineData("{ \"value\": 3, \"paragraph\": \"75\",", "{ \"value\": 3,", "needs its 'paragraph', or \"choice\": \"detente\"")]
    [InlineData("\"kind\": \"consultation\"", "\"kind\": \"consultaton\"", "unknown value 'consultaton'; did you mean 'consultation'?")]
    [InlineData("\"reported_units\": [],", "\"reported_units\": [],,", "malformed JSON")]
    public void BadRegimes_AreLocated(string from, string to, string message)
    {
        var e = Assert.Throws<InputException>(() =>
            RegimeCatalog.Parse(Encoding.UTF8.GetBytes(Mutate(from, to)), "regimes.json", Some.Scenario));
        Assert.Contains(message, e.Message);
        Assert.Matches(@"^regimes\.json:\d+:\d+: ", e.Message);
    }

    [Fact]
    public void BadRegime_NamesTheLineAndColumn()
    {
        var text = Mutate("\"team-size\":", "\"team-sise\":");
        var line = text[..text.IndexOf("\"team-sise\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var e = Assert.Throws<InputException>(() => RegimeCatalog.Parse(Encoding.UTF8.GetBytes(text), "regimes.json", Some.Scenario));
        Assert.StartsWith($"regimes.json:{line}:", e.Message);
    }

    [Fact]
    public void ShippedEventFiles_Load_AndEveryStepIsAccepted()
    {
        var directory = Path.Combine(Some.Data, "verification", "events");
        foreach (var path in Directory.GetFiles(directory, "*.json"))
        {
            var file = EventsFile.Load(path, Path.GetFileName(path));
            var ledger = Verification.Inspections.VerificationLedger.Replay(Some.Regimes, Some.Scenario, file.Events.Select(e => e.Step));
            Assert.Empty(ledger.Rejected);
            Assert.Equal(file.Hypothetical, file.Id.StartsWith("hypothetical-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void HypotheticalRun_ExercisesEveryPath_TheSameForBothSides()
    {
        var file = EventsFile.Load(Path.Combine(Some.Data, "verification", "events", "aegis-ashore-hypothetical-2022-2023.json"), "h.json");
        Assert.Contains("HYPOTHETICAL", file.Title);
        var ledger = Verification.Inspections.VerificationLedger.Replay(Some.Regimes, Some.Scenario, file.Events.Select(e => e.Step));
        foreach (var side in new[] { "USA", "RUS" })
        {
            var received = ledger.Inspections.Where(c => c.Request.Receiving.Code == side).ToList();
            Assert.Equal(1, received.Count(c => c.AnsweredLate));
            Assert.Equal(1, received.Count(c => c.Stage == Verification.Inspections.InspectionStage.Refused));
            Assert.Equal(1, received.Count(c => c.Stage == Verification.Inspections.InspectionStage.Countersigned));
            Assert.Equal(1, received.Count(c => c.Stage == Verification.Inspections.InspectionStage.Dissented));
        }
    }

    // Bad inputs tried: an events file citing an unlisted source, a hypothetical file without the word in its title, a bad step body.
    [Theory]
    [InlineData("\"sources\": [\n          \"interfax-797754\"", "\"sources\": [\n          \"interfax-79775\"", "unknown source 'interfax-79775'; did you mean 'interfax-797754'?")]
    [InlineData("\"hypothetical\": false", "\"hypothetical\": true", "a hypothetical file's id starts with 'hypothetical-'")]
    [InlineData("\"at\": \"2022-02-11\"", "\"at\": \"11 Feb 2022\"", "expected a date (YYYY-MM-DD) or a UTC time")]
    [InlineData("\"kind\": \"consultation-answer\"", "\"kind\": \"consultation-answr\"", "did you mean")]
    public void BadEventsFiles_AreLocated(string from, string to, string message)
    {
        var text = File.ReadAllText(Path.Combine(Some.Data, "verification", "events", "february-2022-consultations.json"));
        var bad = text.Replace(from, to, StringComparison.Ordinal);
        if (bad == text)
        {
            bad = text.Replace("\"kind\": \"consultation-request\"", to, StringComparison.Ordinal);
        }

        Assert.NotEqual(text, bad);
        var e = Assert.Throws<InputException>(() => EventsFile.Parse(Encoding.UTF8.GetBytes(bad), "f.json"));
        Assert.Contains(message, e.Message);
        Assert.Matches(@"^f\.json:\d+:\d+: ", e.Message);
    }
}

public sealed class LocatedTests
{
    [Fact]
    public void ByteOrderMark_IsSkipped_AndColumnsCountFromTheText()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\n  \"a\": x\n}")).ToArray();
        var e = Assert.Throws<InputException>(() => LocatedJson.Parse(bytes, "f.json"));
        Assert.StartsWith("f.json:2:", e.Message);
    }

    [Fact]
    public void DuplicateField_IsLocated()
    {
        var e = Assert.Throws<InputException>(() => LocatedJson.Parse(Encoding.UTF8.GetBytes("{\"a\": 1,\n \"a\": 2}"), "f.json"));
        Assert.Equal("f.json:2:2: the member 'a' appears twice in one object; give each member once", e.Message);
    }

    [Theory]
    [InlineData("2022-02-11", true, "2022-02-13")]
    [InlineData("2022-02-11T23:00:00Z", false, "2022-02-13T23:00:00Z")]
    public void Moment_48HoursAfter(string text, bool wholeDay, string due)
    {
        Assert.True(Moment.TryParse(text, out var m));
        Assert.Equal(wholeDay, m.WholeDay);
        Assert.Equal(due, m.After(48).ToString());
        Assert.True(m.After(48).IsMetBy(Moment.OfDay(m.Day.AddDays(2))));
        Assert.False(m.After(48).IsMetBy(Moment.OfDay(m.Day.AddDays(3))));
    }
}
