using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Detente.Cli.Commands;
using Detente.Core;
using Detente.Data;
using Detente.Geo;
using Detente.Negotiation;
using Detente.Verification.Observations;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Security.Tests.Input;

/// <summary>
/// Every file format reads through Data's one located JSON reader, so the same input gets the same answer in each: a UTF-8
/// byte-order mark is accepted, a member given twice is an error at its line and column, and a misspelt field is an error
/// that suggests the field meant. Tried, in each format: the shipped file with a mark before it, the shipped file with its
/// first occurrence of a member doubled, and the shipped file with that member misspelt.
/// </summary>
public sealed class DataFormatsTests : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly string _dir = Directory.CreateTempSubdirectory("detente-formats-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A format: the shipped file it starts from, a member to double, and that member misspelt with the suggestion expected.</summary>
    public sealed record Format(string Name, string File, string Member, string Misspelt, Action<DataFormatsTests, string> Load)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Format> Formats() =>
    [
        new("scenario", "data/scenarios/europe-2022/deployments.json", "permanence", "permanance", (t, path) => ScenarioLoader.Load(t.Scenario(deployments: path))),
        new("catalogue", "data/catalog/systems.json", "category", "categroy", (t, path) => ScenarioLoader.Load(t.Scenario(catalog: path))),
        new("regions", "data/geo/regions.json", "members", "membres", (_, path) => Regions.Load(path)),
        new("negotiation", "data/negotiation/sources.json", "publisher", "publsher", (t, path) => NegotiationData.Load(t.Negotiation(path))),
        new("regimes", "data/verification/regimes.json", "activation", "activaton", (_, path) => RegimeCatalog.Load(path, path)),
        new("events", "data/verification/events/february-2022-consultations.json", "hypothetical", "hypotetical", (_, path) => EventsFile.Load(path, path)),
        new("overlay", "data/whatif/us-missiles-in-poland.json", "deployments", "deploymnets", (t, path) => Detente.Node.Overlays.Overlay.Apply(ScenarioManifest.Read(t.Scenario()), path)),
        new("observations", "data/observations/feb-2022-sample.geojson", "confidence", "confidnce", (_, path) => ObservationFile.Read(path, "USA")),
    ];

    [Theory]
    [MemberData(nameof(Formats))]
    public void ByteOrderMark_IsAccepted_InEveryFormat(Format format)
    {
        var path = Copy(format, text => text);
        File.WriteAllBytes(path, [.. Bom, .. File.ReadAllBytes(path)]);
        format.Load(this, path);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void DuplicateMember_IsALocatedError_InEveryFormat(Format format)
    {
        // The member is given twice with the same value, so only the repetition is wrong.
        var path = Copy(format, text => Doubled(text, format.Member));
        var e = Assert.ThrowsAny<Exception>(() => format.Load(this, path));
        Assert.Matches($@"{Regex.Escape(Path.GetFileName(format.File))}:\d+:\d+", e.Message);
        Assert.Contains($"the member '{format.Member}' appears twice in one object", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void MisspeltField_SuggestsTheFieldMeant_InEveryFormat(Format format)
    {
        var path = Copy(format, text => First(text, format.Member, $"\"{format.Misspelt}\":"));
        var e = Assert.ThrowsAny<Exception>(() => format.Load(this, path));
        Assert.Matches($@"{Regex.Escape(Path.GetFileName(format.File))}:\d+:\d+", e.Message);
        Assert.Contains($"did you mean '{format.Member}'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_IsALocatedError_InTheTreeAndTheStreamingReader()
    {
        // Tried: a Latin-1 'é' (0xE9) in a regimes file (tree) and in a deployments file (streaming), each on line 2.
        var regimes = Path.Combine(_dir, "regimes.json");
        File.WriteAllBytes(regimes, [.. Encoding.UTF8.GetBytes("{\n  \"format\": \"caf"), 0xE9, .. Encoding.UTF8.GetBytes("\"}")]);
        Assert.StartsWith($"{regimes}:2:17: invalid UTF-8 (byte 0xE9)", Assert.Throws<InputException>(() => RegimeCatalog.Load(regimes, regimes)).Message, StringComparison.Ordinal);

        var deployments = Path.Combine(_dir, "deployments.json");
        File.WriteAllBytes(deployments, [.. Encoding.UTF8.GetBytes("{\"deployments\": [\n  {\"id\": \"caf"), 0xE9, .. Encoding.UTF8.GetBytes("\"}]}")]);
        var dir = Scenario(deployments: deployments);
        Assert.Contains("deployments.json:2:14: invalid UTF-8 (byte 0xE9)", Assert.Throws<InputException>(() => ScenarioLoader.Load(dir)).Message, StringComparison.Ordinal);
    }

    private static string Doubled(string text, string member)
    {
        var at = text.IndexOf($"\"{member}\":", StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{member}' is not in the file");
        var end = ValueEnd(text, at + member.Length + 3);
        var pair = text[at..end];
        return string.Concat(text.AsSpan(0, end), ", ", pair, text.AsSpan(end));
    }

    // The end of the JSON value that starts after white space at 'from': a string, a number or word, or a bracketed value.
    private static int ValueEnd(string text, int from)
    {
        var i = from;
        while (char.IsWhiteSpace(text[i])) i++;
        var depth = 0;
        var inString = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') { inString = false; if (depth == 0) return i + 1; }
            }
            else if (c == '"') inString = true;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') { if (depth == 0) return i; if (--depth == 0) return i + 1; }
            else if (depth == 0 && c is ',' or '\n') return i;
        }

        return i;
    }

    private static string First(string text, string member, string replacement)
    {
        var at = text.IndexOf($"\"{member}\":", StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{member}' is not in the file");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + member.Length + 3));
    }

    private string Copy(Format format, Func<string, string> change)
    {
        var path = Path.Combine(_dir, format.Name + "-" + Path.GetFileName(format.File));
        File.WriteAllText(path, change(File.ReadAllText(Path.Combine(Repository.Root(), format.File))));
        return path;
    }

    // A copy of the shipped scenario with absolute catalogue and geography paths, and optionally another deployments file or catalogue.
    private string Scenario(string? deployments = null, string? catalog = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "scenario-" + Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root(), "data", "scenarios", "europe-2022"), "*.json"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        if (deployments is not null)
        {
            File.Copy(deployments, Path.Combine(dir, "deployments.json"), overwrite: true);
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "scenario.json")))!.AsObject();
        manifest["catalog"] = catalog ?? Path.Combine(Repository.Root(), "data", "catalog", "systems.json");
        manifest["geo"] = Path.Combine(Repository.Root(), "data", "geo");
        File.WriteAllText(Path.Combine(dir, "scenario.json"), manifest.ToJsonString());
        return dir;
    }

    // A copy of the shipped negotiation data with another sources.json.
    private string Negotiation(string sources)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "negotiation-" + Guid.NewGuid().ToString("N"))).FullName;
        var shipped = Path.Combine(Repository.Root(), "data", "negotiation");
        foreach (var file in Directory.GetFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.Copy(sources, Path.Combine(dir, "sources.json"), overwrite: true);
        return dir;
    }
}
