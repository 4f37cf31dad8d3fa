using Detente.Core;
using Detente.Data;

namespace Detente.Node.Sessions;

/// <summary>
/// Where the shipped data is: beside the binary (copied at build, and packed with the .NET tool, so an installed tool finds
/// it in its own folder) or in the repository the command runs in.
/// </summary>
public static class Paths
{
    /// <summary>The scenario used when no <c>--scenario</c> is given.</summary>
    public const string DefaultScenario = "europe-2022";

    /// <summary>The data directory: <c>DETENTE_DATA</c>, else <c>data/</c> beside the binary, else the repository's <c>data/</c>.</summary>
    public static string DataDirectory()
    {
        if (Environment.GetEnvironmentVariable("DETENTE_DATA") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, "scenarios", DefaultScenario, "scenario.json")))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "data");
    }

    /// <summary>
    /// The scenario directory for a scenario option (<c>--scenario</c>): null is the default scenario; an existing path is
    /// itself; otherwise the name of a shipped scenario. Anything else is a <see cref="InputException"/> naming what was given
    /// and listing the shipped scenarios.
    /// </summary>
    public static string Scenario(string? option)
    {
        if (option is null)
        {
            return Path.Combine(DataDirectory(), "scenarios", DefaultScenario);
        }

        if (Directory.Exists(option) || File.Exists(option))
        {
            return option;
        }

        var root = Path.Combine(DataDirectory(), "scenarios");
        var shipped = Path.Combine(root, option);
        if (Directory.Exists(shipped))
        {
            return shipped;
        }

        var names = Directory.Exists(root) ? Directory.GetDirectories(root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList() : [];
        var near = Spelling.Nearest(option, names);
        throw new InputException(SourceLocation.Whole(option), null,
            $"no such scenario: neither a directory nor the name of a shipped scenario (shipped: {string.Join(", ", names)})"
            + (near is null ? "" : $"; did you mean '{near}'?"));
    }
}
