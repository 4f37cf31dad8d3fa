using Detente.Core;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Detente.Cli;
using Detente.Cli.Commands;
using Detente.Geo;
using Detente.Record;
using Detente.Record.Keys;
using Detente.Data;
using Detente.Verification.Observations;

namespace Detente.Security.Tests.Input;

/// <summary>
/// Members given twice and counts that are not counts are located errors wherever JSON or CSV is read (issue 14: duplicate
/// members were read "last wins"; "count":"1", +5 in CSV, 60,053.5 troops and 1e26 were accepted). One theory per format; the
/// hostile values each tries are its cases.
/// </summary>
public sealed partial class HostileJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-hostile-json-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Each case replaces the first deployment's "quantity": <n> with the text given; the expected message follows the location.
    public static TheoryData<string, string> ScenarioCases() => new()
    {
        { "\"quantity\": 5, \"quantity\": 7", "the member 'quantity' appears twice in one object" },
        { "\"owner\": \"USA\", \"quantity\": 7", "the member 'owner' appears twice in one object" },
        { "\"quantity\": \"1\"", "expected a number, a range" },
        { "\"quantity\": 60053.5", "60,053.5 is not a whole number; a count of things is whole" },
        { "\"quantity\": 1e26", "is more than the largest count accepted (100,000,000)" },
        { "\"quantity\": 100000001", "100,000,001 is more than the largest count accepted" },
        { "\"quantity\": -1", "-1 is negative" },
        { "\"quantity\": 1e400", "expected a number" },
        { "\"quantity\": {\"min\": 1, \"max\": 2.5}", "2.5 is not a whole number" },
        { "\"quantity\": {\"claims\": [{\"value\": 3, \"value\": 4, \"by\": \"USA\"}]}", "the member 'value' appears twice" },
    };

    [Theory]
    [MemberData(nameof(ScenarioCases))]
    public void ScenarioFile_HostileQuantityOrDuplicateMember_IsALocatedError(string replacement, string expected)
    {
        var dir = CopyScenario();
        var path = Path.Combine(dir, "deployments.json");
        var text = File.ReadAllText(path);
        var first = QuantityMember().Match(text);
        Assert.True(first.Success);
        File.WriteAllText(path, text[..first.Index] + replacement + text[(first.Index + first.Length)..]);

        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(dir));
        Assert.Matches(@"deployments\.json:\d+:\d+: ", e.Message);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    // A CSV row of the shipped sample with its count replaced.
    public static TheoryData<string, string> CsvCounts() => new()
    {
        { "+5", "expected a whole number" },
        { "5.5", "expected a whole number" },
        { "1e26", "expected a whole number" },
        { "-1", "negative" },
        { "100000001", "more than the largest count accepted" },
        { "99999999999999999999", "expected a whole number" },
        { "0x10", "expected a whole number" },
        { " 5", "expected a whole number" },
    };

    [Theory]
    [MemberData(nameof(CsvCounts))]
    public void ObservationCsv_HostileCount_IsALocatedError(string count, string expected)
    {
        var path = Path.Combine(_dir, "seen.csv");
        File.WriteAllText(path, $"time,area,party,what,count,source,confidence\n2022-01-26,RUS,RUS,troops,{count},s1,verified\n");
        var e = Assert.Throws<InputException>(() => ObservationFile.Read(path, "USA"));
        Assert.StartsWith($"{path}:2:5 (count): ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    // Each case is a whole GeoJSON document: members twice at each level, a count in quotes.
    public static TheoryData<string, string> GeoJsonCases()
    {
        const string Properties = "\"time\": \"2022-02-03\", \"area\": \"BLR\", \"party\": \"RUS\", \"what\": \"troops\", \"source\": \"s\", \"confidence\": \"verified\"";
        static string Doc(string feature, string top = "") =>
            $"{{\"type\": \"FeatureCollection\", {top}\"features\": [{feature}]}}";
        return new()
        {
            { Doc($"{{\"type\": \"Feature\", \"geometry\": null, \"properties\": {{{Properties}, \"count\": \"1\"}}}}"), "'count' must be a number (not a string) or null" },
            { Doc($"{{\"type\": \"Feature\", \"geometry\": null, \"properties\": {{{Properties}, \"count\": 1, \"count\": 9}}}}"), "the member 'count' appears twice in one object" },
            { Doc($"{{\"type\": \"Feature\", \"geometry\": null, \"geometry\": null, \"properties\": {{{Properties}, \"count\": 1}}}}"), "the member 'geometry' appears twice in one object" },
            { Doc($"{{\"type\": \"Feature\", \"geometry\": {{\"type\": \"Point\", \"coordinates\": [1, 2], \"coordinates\": [3, 4]}}, \"properties\": {{{Properties}, \"count\": 1}}}}"), "the member 'coordinates' appears twice" },
            { Doc($"{{\"type\": \"Feature\", \"geometry\": null, \"properties\": {{{Properties}, \"count\": 1}}}}", "\"type\": \"FeatureCollection\", "), "the member 'type' appears twice" },
            { Doc($"{{\"type\": \"Feature\", \"geometry\": null, \"properties\": {{{Properties}, \"count\": 60053.5}}}}"), "expected a whole number" },
        };
    }

    [Theory]
    [MemberData(nameof(GeoJsonCases))]
    public void ObservationGeoJson_DuplicateMemberOrStringCount_IsALocatedError(string document, string expected)
    {
        var path = Path.Combine(_dir, "seen.geojson");
        File.WriteAllText(path, document);
        // A member twice is the JSON reader's error; a count in quotes is the observation reader's: both the one input error type.
        var e = Assert.Throws<InputException>(() => ObservationFile.Read(path, "USA"));
        Assert.Matches($@"^{Regex.Escape(path)}:1:\d+[ :]", e.Message);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountryShapes_DuplicateMember_IsALocatedError()
    {
        // Tried: "type" twice in a FeatureCollection of country shapes.
        var path = Path.Combine(_dir, "countries.geojson");
        File.WriteAllText(path, "{\"type\": \"FeatureCollection\",\n \"type\": \"FeatureCollection\", \"features\": []}");
        var e = Assert.Throws<InputException>(() => Atlas.Load(path, null));
        Assert.True(e.Message.StartsWith($"{path}:2:2: the member 'type' appears twice", StringComparison.Ordinal), e.Message);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_DuplicateKind_IsALocatedError()
    {
        // Tried: the kind "deployments" twice in a what-if overlay.
        var dir = CopyScenario();
        var path = Path.Combine(_dir, "whatif.json");
        File.WriteAllText(path, "{\"deployments\": [],\n \"deployments\": []}");
        var e = Assert.Throws<InputException>(() => Detente.Node.Overlays.Overlay.Apply(ScenarioManifest.Read(dir), path));
        Assert.True(e.Message.StartsWith($"{path}:2:2: the member 'deployments' appears twice", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Keyring_DuplicateMember_IsRefused()
    {
        // Tried: "keys" twice, the second one empty (last wins would drop every key).
        var path = Path.Combine(_dir, "keyring.json");
        File.WriteAllText(path, "{\"format\": \"detente-keyring/1\", \"keys\": [], \"keys\": []}");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var e = Assert.Throws<RecordFormatException>(() => Keyring.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlAreas_DuplicateMember_IsALocatedError()
    {
        File.WriteAllText(Path.Combine(_dir, "control-areas.geojson"), "{\"features\": [],\n \"features\": []}");
        var e = Assert.Throws<Detente.Core.InputException>(() => Detente.Geo.Geography.AreaIds(_dir));
        Assert.True(e.Message.Contains("control-areas.geojson:2:", StringComparison.Ordinal), e.Message);
    }

    private string CopyScenario()
    {
        var dir = Path.Combine(_dir, "scenario");
        Directory.CreateDirectory(dir);
        var source = Path.Combine(Repository.Root(), "data", "scenarios", "europe-2022");
        foreach (var file in Directory.GetFiles(source, "*.json"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "scenario.json")))!.AsObject();
        manifest["catalog"] = Path.Combine(Repository.Root(), "data", "catalog", "systems.json");
        manifest["geo"] = Path.Combine(Repository.Root(), "data", "geo");
        File.WriteAllText(Path.Combine(dir, "scenario.json"), manifest.ToJsonString());
        return dir;
    }

    [GeneratedRegex("\"quantity\": *[0-9]+")]
    private static partial Regex QuantityMember();
}
