using System.Text.Json.Nodes;
using Detente.Cli;
using Detente.Cli.Commands;
using Detente.Core;
using Detente.Geo;
using Detente.Negotiation;
using Detente.Node.Appending;
using Detente.Record.Keys;
using Detente.Record.Tiles;
using Detente.Rules;
using Detente.Data;
using Detente.Rules.Compilation;
using Detente.Verification.Observations;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Security.Tests.Input;

/// <summary>
/// Every reader of a file refuses what is not a regular file, before it opens it (issue 14: a link to /dev/zero ended in
/// OutOfMemoryException; a directory in place of deployments.json was read as an empty kind; a FIFO would block forever).
/// Hostile entries tried, for each of the readers below: a link to /dev/zero, a FIFO, a directory. One theory; its cases are
/// readers × entries (16 × 3 = 48).
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static readonly string[] Entries = ["a link to /dev/zero", "a FIFO", "a directory"];

    // Each reader: the file name it reads, and how to make it read that file in a fresh directory (which may hold other files).
    private static readonly Dictionary<string, (string File, Action<string, string> Read)> Readers = new()
    {
        ["scenario file"] = ("deployments.json", (dir, path) => ScenarioLoader.Load(Scenario(dir))),
        ["scenario manifest"] = ("scenario.json", (dir, path) => ScenarioManifest.Read(dir)),
        ["catalogue"] = ("systems.json", (dir, path) => ScenarioLoader.Load(Scenario(dir, catalog: path))),
        ["regions"] = ("regions.json", (dir, path) => Regions.Load(path)),
        ["country shapes"] = ("countries.geojson", (dir, path) => Atlas.Load(path, null)),
        ["negotiation"] = ("sources.json", (dir, path) => NegotiationData.Load(dir)),
        ["regimes"] = ("regimes.json", (dir, path) => RegimeCatalog.Load(path, "regimes.json")),
        ["events"] = ("events.json", (dir, path) => EventsFile.Load(path, "events.json")),
        ["observations CSV"] = ("seen.csv", (dir, path) => ObservationFile.Read(path, "USA")),
        ["observations GeoJSON"] = ("seen.geojson", (dir, path) => ObservationFile.Read(path, "USA")),
        ["agreement"] = ("hostile.accord", (dir, path) => AgreementLibrary.CompileFile(path, "hostile.accord", [])),
        ["overlay"] = ("whatif.json", (dir, path) => Detente.Node.Overlays.Overlay.Apply(ScenarioManifest.Read(Scenario(dir)), path)),
        ["keyring"] = ("keyring.json", (dir, path) => Keyring.Load(path)),
        ["tile checkpoint"] = ("checkpoint", (dir, path) => TileDirectory.Open(dir)),
        ["statement body (--body)"] = ("body.json", (dir, path) => StatementInput.Read(path, "--body")),
        ["control areas"] = ("control-areas.geojson", (dir, path) => Detente.Geo.Geography.AreaIds(dir)),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var reader in Readers.Keys)
        {
            foreach (var entry in Entries)
            {
                data.Add(reader, entry);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reader_GivenWhatIsNotARegularFile_RefusesItNamingTheFile(string reader, string entry)
    {
        var (file, read) = Readers[reader];
        var dir = Path.Combine(_dir, "case");
        Directory.CreateDirectory(dir);
        if (reader is "scenario file" or "scenario manifest" or "overlay")
        {
            CopyScenario(dir);
        }

        var path = Path.Combine(dir, file);
        File.Delete(path);
        Make(path, entry);
        var error = Hostile.OnSmallStack(() =>
        {
            try
            {
                read(dir, path);
                return null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return e;
            }
        });

        Assert.NotNull(error);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);

        // The keyring reader refuses a group- or world-readable file first; /dev/zero and a fresh FIFO are both.
        var reasons = reader == "keyring"
            ? new[] { "not a regular file", "is a directory", "read or written by group or others" }
            : ["not a regular file", "is a directory"];
        Assert.True(reasons.Any(r => error.Message.Contains(r, StringComparison.Ordinal)), $"{error.GetType().Name}: {error.Message}");
    }

    [Fact]
    public void InputFile_LargerThanItsLimit_IsRefused_AndAtItsLimitIsRead()
    {
        // Tried: a file one byte over the limit, one exactly at it.
        var path = Path.Combine(_dir, "big.json");
        File.WriteAllBytes(path, new byte[1025]);
        var e = Assert.Throws<InputException>(() => InputFile.ReadAllBytes(path, 1024));
        Assert.Equal($"{path}: is larger than the limit of 1 KiB for this kind of file", e.Message);
        File.WriteAllBytes(path, new byte[1024]);
        Assert.Equal(1024, InputFile.ReadAllBytes(path, 1024).Length);
    }

    [Fact]
    public void InputFile_InvalidUtf8_NamesLineAndColumn()
    {
        // Tried: a lone 0xFF on line 2 after two characters of which one is two bytes long.
        var path = Path.Combine(_dir, "text.accord");
        File.WriteAllBytes(path, [(byte)'a', (byte)'\n', 0xC3, 0xA9, (byte)'b', 0xFF, (byte)'c']);
        var e = Assert.Throws<InputException>(() => InputFile.ReadAllText(path, 1024));
        Assert.Equal((2, 3), (e.Location.Line, e.Location.Column));
        Assert.StartsWith($"{path}:2:3: invalid UTF-8 (byte 0xFF)", e.Message, StringComparison.Ordinal);
    }

    private static void Make(string path, string entry)
    {
        switch (entry)
        {
            case "a link to /dev/zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case "a FIFO":
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
                {
                    mkfifo.WaitForExit();
                    Assert.Equal(0, mkfifo.ExitCode);
                }

                break;
            default:
                Directory.CreateDirectory(path);
                break;
        }
    }

    // A copy of the shipped scenario whose catalogue and geography are the repository's (or the catalogue given).
    private static void CopyScenario(string dir)
    {
        var source = Path.Combine(Repository.Root(), "data", "scenarios", "europe-2022");
        foreach (var file in Directory.GetFiles(source, "*.json"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "scenario.json")))!.AsObject();
        manifest["catalog"] = Path.Combine(Repository.Root(), "data", "catalog", "systems.json");
        manifest["geo"] = Path.Combine(Repository.Root(), "data", "geo");
        File.WriteAllText(Path.Combine(dir, "scenario.json"), manifest.ToJsonString());
    }

    private static string Scenario(string dir, string? catalog = null)
    {
        if (catalog is not null)
        {
            CopyScenario(dir);
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "scenario.json")))!.AsObject();
            manifest["catalog"] = catalog;
            File.WriteAllText(Path.Combine(dir, "scenario.json"), manifest.ToJsonString());
        }

        return dir;
    }
}
