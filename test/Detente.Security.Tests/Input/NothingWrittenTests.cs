using System.Text;
using System.Text.Json.Nodes;
using Detente.Cli;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Detente.Security.Tests.Input;

/// <summary>
/// A message a person can cause is a located error with exit code 2, never a stack trace, and nothing is written: the record's
/// row counts in every table, and the keyring's bytes, are the same before and after (issue 14: invalid UTF-8 or a 70 KB body in
/// <c>inspections answer</c> / <c>consultations request</c> ended in a stack trace; a 10 MB description in <c>record import</c>
/// left a half-made store).
/// </summary>
public sealed class NothingWrittenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-nothing-written-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string Db => Path.Combine(_dir, "record.db");

    private string Keyring => Path.Combine(_dir, "keyring.json");

    private const string Common = "\"sources\": [\"test\"], \"confidence\": \"verified\"";

    // The hostile bodies: name → how to make the file (a path in the test's directory).
    public static TheoryData<string, string> Bodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var verb in new[] { "inspections answer", "consultations request" })
        {
            foreach (var body in new[] { "invalid UTF-8", "70 KB", "a body whose statement would not fit one entry", "a link to /dev/zero", "a directory", "no such file" })
            {
                data.Add(verb, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void StepVerb_HostileBody_IsALocatedErrorAndWritesNothing(string verb, string body)
    {
        ImportWithRequest();
        var path = Path.Combine(_dir, "body.json");
        var answer = verb == "inspections answer";
        switch (body)
        {
            case "invalid UTF-8":
                File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("{\"request\": \"r24\", \"reason\": \"x"), 0xFF, 0xFE, .. "\"}"u8]);
                break;
            case "70 KB":
                File.WriteAllText(path, $$"""{"request": "r24", "accepted": false, "at": "2024-03-02", "reason": "{{new string('x', 70_000)}}", {{Common}}}""");
                break;
            case "a body whose statement would not fit one entry":
                // Within the file limit (65,535 bytes), beyond what one statement can hold once signed.
                File.WriteAllText(path, answer
                    ? $$"""{"request": "r24", "accepted": false, "at": "2024-03-02", "reason": "{{new string('x', 64_800)}}", {{Common}}}"""
                    : $$"""{"id": "c1", "regime": "vienna-chapter-iii", "to": ["RUS"], "at": "2022-02-11", "subject": "{{new string('x', 64_800)}}", {{Common}}}""");
                break;
            case "a link to /dev/zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case "a directory":
                Directory.CreateDirectory(path);
                break;
        }

        var before = Snapshot();
        var (party, verbs) = answer ? ("USA", new[] { "inspections", "answer" }) : ("UKR", ["consultations", "request"]);
        var result = Run([.. verbs, "--party", party, "--body", path, "--db", Db, "--keyring", Keyring]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Contains("body.json", result.Error, StringComparison.Ordinal);
        if (body == "a body whose statement would not fit one entry")
        {
            Assert.Contains("so that its statement fits in one entry; nothing was written", result.Error, StringComparison.Ordinal);
        }

        if (body == "invalid UTF-8")
        {
            Assert.Contains("body.json:1:32: invalid UTF-8", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void RecordImport_DescriptionOfTenMegabytes_WritesNoStoreAndNoKeyring()
    {
        // Tried: a scenario whose description (10 MiB) cannot fit in one statement.
        var scenario = CopyScenario(m => m["description"] = new string('x', 10 << 20));
        var result = Run("--scenario", scenario, "record", "import", "--db", Db, "--keyring", Keyring);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot be stated: entry is", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
        Assert.False(File.Exists(Keyring));
    }

    [Fact]
    public void RecordImport_IntoARecordThatHoldsStatements_ChangesNothing()
    {
        // Tried: importing the same scenario twice into one record.
        Assert.Equal(0, Run("record", "import", "--db", Db, "--keyring", Keyring).ExitCode);
        var before = Snapshot();
        var again = Run("record", "import", "--db", Db, "--keyring", Keyring);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void RecordImport_ScenarioWithAMemberTwice_WritesNoStoreAndNoKeyring()
    {
        // Tried: a scenario.json with "title" twice.
        var scenario = CopyScenario(_ => { });
        var manifest = Path.Combine(scenario, "scenario.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("{", "{\"title\": \"a\", ", StringComparison.Ordinal));
        var result = Run("--scenario", scenario, "record", "import", "--db", Db, "--keyring", Keyring);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("appears twice", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
        Assert.False(File.Exists(Keyring));
    }

    // The record's rows per table and the keyring's bytes.
    private string Snapshot()
    {
        var parts = new List<string>();
        using (var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"SELECT count(*) FROM \"{table}\"";
                parts.Add($"{table}={count.ExecuteScalar()}");
            }
        }

        parts.Add("keyring=" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Keyring))));
        return string.Join(" ", parts);
    }

    private void ImportWithRequest()
    {
        var events = Path.Combine(Repository.Root(), "data", "verification", "events", "aegis-ashore-hypothetical-2022-2023.json");
        Assert.Equal(0, Run("record", "import", "--db", Db, "--keyring", Keyring, "--events", events).ExitCode);
        var request = Path.Combine(_dir, "request.json");
        File.WriteAllText(request, $$"""
            {"id": "r24", "regime": "aegis-ashore-transparency", "receiving": "USA", "site": "aegis-ashore-deveselu", "at": "2024-03-01T09:00:00Z",
             "visit_from": "2024-03-10T08:00:00Z", "team_size": 4, "checks": ["tomahawk-absent"], {{Common}}}
            """);
        var result = Run("inspections", "request", "--party", "RUS", "--body", request, "--db", Db, "--keyring", Keyring);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    private string CopyScenario(Action<JsonObject> change)
    {
        var dir = Path.Combine(_dir, "scenario");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root(), "data", "scenarios", "europe-2022"), "*.json"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "scenario.json")))!.AsObject();
        manifest["catalog"] = Path.Combine(Repository.Root(), "data", "catalog", "systems.json");
        manifest["geo"] = Path.Combine(Repository.Root(), "data", "geo");
        change(manifest);
        File.WriteAllText(Path.Combine(dir, "scenario.json"), manifest.ToJsonString());
        return dir;
    }

    private sealed record Result(int ExitCode, string Output, string Error);

    private static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        var code = DetenteCommand.Run(args, console, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
