using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Detente.Core.Tests;

/// <summary>The project graph under <c>src/</c> equals the component table of <c>docs/architecture.md</c>.</summary>
public sealed partial class ArchitectureTests
{
    [Fact]
    public void ProjectReferences_FollowTheComponentTable()
    {
        var allowed = ComponentTable();
        var wrong = new List<string>();
        foreach (var (component, references) in ProjectGraph())
        {
            if (!allowed.TryGetValue(component, out var mayUse))
            {
                wrong.Add($"src/Detente.{component} is not in the component table of docs/architecture.md");
                continue;
            }
            wrong.AddRange(references.Where(r => !mayUse.Contains(r)).Select(r => $"{component} → {r} is not allowed"));
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void ComponentTable_AllowsOnlyComponentsAbove()
    {
        var table = ComponentTable();
        var order = table.Keys.ToList();
        Assert.Equal("Core", order[0]);
        Assert.Empty(table["Core"]);
        foreach (var (component, mayUse) in table)
        {
            Assert.All(mayUse, used => Assert.True(order.IndexOf(used) < order.IndexOf(component), $"{component} may use {used}, which is below it"));
        }
    }

    [Fact]
    public void ProjectGraph_FindsTheReferencesOfTheCommand()
    {
        // Guards the reader itself: the command uses Core, so an empty graph would be a broken reader, not a clean graph.
        var graph = ProjectGraph();
        Assert.Contains("Core", graph["Cli"]);
        Assert.True(graph.Count >= 9);
    }

    private static Dictionary<string, IReadOnlyList<string>> ProjectGraph()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var project in Directory.GetFiles(Path.Combine(Root, "src"), "Detente.*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project)["Detente.".Length..];
            graph[name] = XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .Select(r => r["Detente.".Length..])
                .ToList();
        }
        return graph;
    }

    private static Dictionary<string, HashSet<string>> ComponentTable()
    {
        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var path = Path.Combine(Root, "docs", "architecture.md");
        foreach (var line in File.ReadLines(path))
        {
            var row = Row().Match(line);
            if (!row.Success)
            {
                continue;
            }
            var component = row.Groups["component"].Value;
            var mayUse = row.Groups["uses"].Value.Trim();
            var above = table.Keys.ToList();
            var uses = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in mayUse.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "—")
                {
                    continue;
                }
                var everything = part.EndsWith("everything above", StringComparison.Ordinal);
                if (everything)
                {
                    uses.UnionWith(above);
                    var first = part[..^"everything above".Length].Replace(" and", "", StringComparison.Ordinal).Trim();
                    if (first.Length > 0)
                    {
                        uses.Add(first);
                    }
                    continue;
                }
                uses.Add(part);
            }
            table[component] = uses;
        }
        Assert.True(table.Count >= 9, $"{path}: the component table was not found");
        return table;
    }

    [GeneratedRegex(@"^\| `(?<component>[A-Za-z]+)` \| [^|]+ \| (?<uses>[^|]+) \|$")]
    private static partial Regex Row();

    private static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (Detente.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
