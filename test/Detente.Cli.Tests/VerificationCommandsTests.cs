using System.Text;
using Detente.Storage;

namespace Detente.Cli.Tests;

/// <summary>The verification verbs end to end: reading the shipped events files, and writing steps to a SQLite record.</summary>
public sealed class VerificationCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-cli-verification-").FullName;

    private string Db => Path.Combine(_dir, "record.db");

    private string Keyring => Path.Combine(_dir, "keyring.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text, Encoding.UTF8);
        return path;
    }

    private long Stored()
    {
        using var store = RecordStores.Open(Db, RecordStores.ExistingOrigin(Db)!);
        return store.Size + store.PendingCount;
    }

    private static string Events(string name) => Path.Combine(Cli.RepositoryRoot(), "data", "verification", "events", name);

    [Fact]
    public void Consultations_February2022_RussiaOverdue_MeetingsWithRussiaAbsent()
    {
        var result = Cli.Run("consultations", "--at", "2022-02-20", "--json");
        Assert.Equal(0, result.ExitCode);
        var ukr = result.Json().GetProperty("consultations").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "ukr-2022-02-11-russia");
        Assert.Equal("2022-02-13", ukr.GetProperty("answer_due").GetString());
        Assert.Equal("overdue", ukr.GetProperty("answers")[0].GetProperty("state").GetString());
        Assert.Equal(2, ukr.GetProperty("meetings").GetArrayLength());
        Assert.All(ukr.GetProperty("meetings").EnumerateArray(), m => Assert.Equal("RUS", m.GetProperty("absent")[0].GetString()));
        var before = Cli.Run("consultations", "--at", "2022-02-12", "--json").Json().GetProperty("consultations").EnumerateArray()
            .Single(c => c.GetProperty("id").GetString() == "ukr-2022-02-11-russia");
        Assert.Equal("pending", before.GetProperty("answers")[0].GetProperty("state").GetString());
    }

    [Fact]
    public void InspectionsBalance_HypotheticalRun_SamePathsForBothSides()
    {
        var result = Cli.Run("inspections", "balance", "--at", "2023-12-31", "--json");
        Assert.Equal(0, result.ExitCode);
        var rows = result.Json().GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        foreach (var side in new[] { "aegis-sites", "russian-bases" })
        {
            var mine = rows.Where(r => r.GetProperty("side").GetString() == side).ToList();
            int Sum(string field) => mine.Sum(r => r.GetProperty(field).GetInt32());
            Assert.Equal((3, 2, 1, 1, 1, 1), (Sum("requested"), Sum("accepted"), Sum("refused"), Sum("answered_late"), Sum("countersigned"), Sum("dissented")));
        }
    }

    [Fact]
    public void InspectionsList_ShowsStagesAndFindings()
    {
        var json = Cli.Run("inspections", "list", "--at", "2023-12-31", "--json").Json();
        var stages = json.GetProperty("inspections").EnumerateArray().Select(i => i.GetProperty("stage").GetString()).ToList();
        Assert.Equal(["countersigned", "dissented", "refused", "refused", "dissented", "countersigned"], stages);
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("clause").GetString() == "us-2022-response/2.1"
                                                                          && f.GetProperty("status").GetString() == "complied");
        var table = Cli.Run("inspections", "list", "--at", "2023-12-31");
        Assert.Contains("HYPOTHETICAL", table.Output);
    }

    [Fact]
    public void Obligations_ListOwedOverdueAndMetLate()
    {
        var rus = Cli.Run("obligations", "--party", "RUS", "--at", "2022-05-07", "--json").Json().GetProperty("obligations").EnumerateArray().ToList();
        Assert.Contains(rus, o => o.GetProperty("kind").GetString() == "consultation-answer" && o.GetProperty("status").GetString() == "overdue");
        Assert.Contains(rus, o => o.GetProperty("kind").GetString() == "inspection-answer" && o.GetProperty("status").GetString() == "met-late");
        Assert.Contains(rus, o => o.GetProperty("kind").GetString() == "quota" && o.GetProperty("status").GetString() == "open");
        var usa = Cli.Run("obligations", "--party", "USA", "--at", "2022-04-15", "--json").Json().GetProperty("obligations").EnumerateArray().ToList();
        Assert.Contains(usa, o => o.GetProperty("kind").GetString() == "report-response" && o.GetProperty("status").GetString() == "owed");
    }

    // Bad inputs tried: an unknown party, a malformed date, a missing --at, an events file with a misspelt regime.
    [Fact]
    public void BadInput_ExitsTwoWithALocatedMessage()
    {
        Assert.Equal(2, Cli.Run("obligations", "--party", "RUZ", "--at", "2022-02-16").ExitCode);
        Assert.Contains("expected a date", Cli.Run("consultations", "--at", "16/02/2022").Error);
        Assert.Equal(2, Cli.Run("obligations").ExitCode);
        var text = System.IO.File.ReadAllText(Events("february-2022-consultations.json"))
            .Replace("\"regime\": \"vienna-chapter-iii\"", "\"regime\": \"vienna-chapter-3\"", StringComparison.Ordinal);
        var bad = Cli.Run("consultations", "--at", "2022-02-20", "--events", File("bad.json", text));
        Assert.Equal(2, bad.ExitCode);
        Assert.True(bad.Error.Contains("unknown regime", StringComparison.Ordinal), bad.Error);
        Assert.Matches(@"bad\.json:\d+:\d+: consultation-request rejected: unknown regime 'vienna-chapter-3'; did you mean 'vienna-chapter-iii'\?", bad.Error);
    }

    [Fact]
    public void RequestAnswerReport_SignedIntoTheRecord_OutOfOrderStepsWriteNothing()
    {
        var import = Cli.Run("record", "import", "--db", Db, "--keyring", Keyring,
            "--events", Events("aegis-ashore-hypothetical-2022-2023.json"));
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("imported 26 verification statements", import.Output);
        string[] Write(string verb, string party, string body) =>
            ["inspections", verb, "--party", party, "--body", File($"{verb}.json", body), "--db", Db, "--keyring", Keyring];
        const string Common = "\"sources\": [\"test\"], \"confidence\": \"verified\"";
        var count = Stored();

        // A report before any answer: rejected with its reason, nothing written.
        var early = Cli.Run(Write("report", "RUS", $$"""{"request": "r24", "at": "2024-03-12", "items": [{"check": "tomahawk-absent", "text": "none", "present": false}], {{Common}}}"""));
        Assert.Equal(2, early.ExitCode);
        Assert.True(early.Error.Contains("unknown inspection request", StringComparison.Ordinal), early.Error);
        Assert.Equal(count, Stored());

        var request = Cli.Run(Write("request", "RUS", $$"""
            {"id": "r24", "regime": "aegis-ashore-transparency", "receiving": "USA", "site": "aegis-ashore-deveselu", "at": "2024-03-01T09:00:00Z",
             "visit_from": "2024-03-10T08:00:00Z", "team_size": 4, "checks": ["tomahawk-absent"], {{Common}}}
            """));
        Assert.Equal(0, request.ExitCode);
        Assert.Matches(@"appended inspection-request by RUS seq \d+ at log index \d+", request.Output);
        Assert.Equal(count + 1, Stored());

        var early2 = Cli.Run(Write("report", "RUS", $$"""{"request": "r24", "at": "2024-03-12", "items": [{"check": "tomahawk-absent", "text": "none", "present": false}], {{Common}}}"""));
        Assert.Contains("has not been answered; a report needs an accepted request", early2.Error);
        var wrongParty = Cli.Run(Write("answer", "RUS", $$"""{"request": "r24", "accepted": true, "at": "2024-03-02", {{Common}}}"""));
        Assert.Contains("answered by USA, the receiving party, not RUS", wrongParty.Error);
        Assert.Equal(count + 1, Stored());

        Assert.Equal(0, Cli.Run(Write("answer", "USA", $$"""{"request": "r24", "accepted": true, "at": "2024-03-04", {{Common}}}""")).ExitCode);
        Assert.Equal(0, Cli.Run(Write("visit", "RUS", $$"""{"request": "r24", "from": "2024-03-10T08:00:00Z", "to": "2024-03-10T18:00:00Z", "team_size": 3, "at": "2024-03-10T18:00:00Z", {{Common}}}""")).ExitCode);
        Assert.Equal(0, Cli.Run(Write("report", "RUS", $$"""{"request": "r24", "at": "2024-03-12", "items": [{"check": "tomahawk-absent", "text": "Tomahawk present", "present": true}], {{Common}}}""")).ExitCode);
        var list = Cli.Run("--record", Db, "inspections", "list", "--at", "2024-12-31", "--json").Json();
        var r24 = list.GetProperty("inspections").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "r24");
        Assert.True(r24.GetProperty("answer").GetProperty("late").GetBoolean());
        Assert.Equal("reported", r24.GetProperty("stage").GetString());
        Assert.Contains(list.GetProperty("findings").EnumerateArray(), f => f.GetProperty("status").GetString() == "disputed"
                                                                          && f.GetProperty("subject").GetProperty("id").GetString() == "aegis-ashore-deveselu");
    }

    // Bad input tried: an events file that drops an acceptance, so a visit follows an unanswered request; the import writes
    // nothing, not even the scenario.
    [Fact]
    public void RecordImportEvents_OutOfOrderEvent_NothingIsImported()
    {
        var doc = System.Text.Json.Nodes.JsonNode.Parse(System.IO.File.ReadAllText(Events("aegis-ashore-hypothetical-2022-2023.json")))!;
        var events = doc["events"]!.AsArray();
        var answer = events.First(e => (string?)e!["kind"] == "inspection-answer")!;
        events.Remove(answer);
        var result = Cli.Run("record", "import", "--db", Db, "--keyring", Keyring, "--events", File("bad.json", doc.ToJsonString()));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("inspection-visit rejected: request 'hyp-2022-rus-deveselu' has not been answered; a visit needs an accepted request", result.Error);
        Assert.True(RecordStores.ExistingOrigin(Db) is null || Stored() == 0);
    }

    [Fact]
    public void Demo_ShowsTheHypotheticalBalanceAndTheConsultations()
    {
        var demo = Cli.Run("demo");
        Assert.Equal(0, demo.ExitCode);
        Assert.Contains("Reciprocity balance on 2023-12-31", demo.Output);
        Assert.Contains("ukr-2022-02-11-russia", demo.Output);
    }
}
