using Detente.Core;
using Detente.Data;

namespace Detente.Cli.Commands;

/// <summary>
/// The <c>--apply</c> option of <c>whatif</c>: the hypothetical facts of an overlay file laid over a world in memory
/// (<see cref="Node.Overlays.Overlay"/>); a bad file is a usage error naming the file, line and column.
/// </summary>
internal static class Overlay
{
    /// <summary>The scenario of <paramref name="manifest"/> with the overlay's facts.</summary>
    public static Scenario Load(ScenarioManifest manifest, string overlayPath) =>
        Load(ScenarioLoader.Load(manifest, Geography.AreaIds(manifest.GeoDirectory)), overlayPath, manifest.GeoDirectory);

    /// <summary><paramref name="scenario"/> (from files or the record) with the overlay's facts.</summary>
    public static Scenario Load(Scenario scenario, string overlayPath, string geoDirectory)
    {
        if (!InputFile.Exists(overlayPath))
        {
            throw new UsageException($"--apply: no such file '{overlayPath}'");
        }

        try
        {
            return Node.Overlays.Overlay.Load(scenario, overlayPath, Geography.AreaIds(geoDirectory));
        }
        catch (InputException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
