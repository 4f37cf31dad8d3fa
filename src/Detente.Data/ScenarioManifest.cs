using Detente.Core;
using Detente.Data.Json;

namespace Detente.Data;

/// <summary>The manifest of a scenario directory (<c>scenario.json</c>): its name and where its catalogue and geography are.</summary>
/// <param name="Directory">The scenario directory.</param>
/// <param name="Info">Id, title and description.</param>
/// <param name="CatalogPath">The system catalogue file.</param>
/// <param name="GeoDirectory">The directory of country shapes, control areas and regions.</param>
public sealed record ScenarioManifest(string Directory, ScenarioInfo Info, string CatalogPath, string GeoDirectory)
{
    /// <summary>The format this version reads and writes.</summary>
    public const string Format = "detente-scenario/1";

    /// <summary>Reads the manifest of a scenario directory, or of the directory holding the given <c>scenario.json</c>.</summary>
    public static ScenarioManifest Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = System.IO.Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var file = Path.Combine(directory, "scenario.json");
        if (!InputFile.Exists(file))
        {
            throw new InputException(new SourceLocation(file, 0, 0), null, "no scenario here: expected a scenario directory holding scenario.json");
        }

        var data = JsonInput.Read(file, file);
        var r = new JsonReader(data);
        r.ExpectStartObject(null, "a scenario manifest");
        string? format = null, id = null, title = null, description = null, catalog = null, geo = null;
        long formatAt = 0;
        while (r.NextProperty())
        {
            if (r.Is("format"u8))
            {
                format = r.ReadString("format");
                formatAt = r.TokenStart;
            }
            else if (r.Is("id"u8)) id = r.ReadSlug("id", "scenario");
            else if (r.Is("title"u8)) title = r.ReadString("title");
            else if (r.Is("description"u8)) description = r.ReadString("description");
            else if (r.Is("catalog"u8)) catalog = r.ReadString("catalog");
            else if (r.Is("geo"u8)) geo = r.ReadString("geo");
            else throw r.UnknownField("", ["format", "id", "title", "description", "catalog", "geo"]);
        }

        r.ExpectEnd();
        if (format != Format)
        {
            throw format is null
                ? r.FailAt(0, null, $"missing field 'format'; expected \"{Format}\"")
                : r.FailAt(formatAt, "format", $"'{format}' is not a format this version reads; expected \"{Format}\"");
        }

        return new ScenarioManifest(
            directory,
            new ScenarioInfo(FactObjects.Required(ref r, 0, id, "id"), FactObjects.Required(ref r, 0, title, "title"), description),
            Path.GetFullPath(Path.Combine(directory, FactObjects.Required(ref r, 0, catalog, "catalog"))),
            Path.GetFullPath(Path.Combine(directory, FactObjects.Required(ref r, 0, geo, "geo"))));
    }
}
