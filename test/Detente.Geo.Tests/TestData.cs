using Detente.Core;

namespace Detente.Geo.Tests;

/// <summary>Paths to the repository's data and to this project's test data, and a shared loaded atlas.</summary>
internal static class TestData
{
    private static readonly Lazy<Atlas> SharedAtlas = new(() => Atlas.LoadDirectory(GeoDirectory));

    public static string RepositoryRoot { get; } = FindRoot();

    public static string GeoDirectory => Path.Combine(RepositoryRoot, "data", "geo");

    public static Atlas Atlas => SharedAtlas.Value;

    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static PartyId State(string code) => new(code);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "data", "geo", Atlas.CountriesFileName)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No data/geo/{Atlas.CountriesFileName} above {AppContext.BaseDirectory}.");
    }
}
