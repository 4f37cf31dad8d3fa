using System.Text.RegularExpressions;
using Xunit;

namespace Detente.Rules.Tests;

/// <summary>
/// The folders of src/Detente.Rules form layers, as serilog-expressions' do: each folder may use only the folders below it.
/// The test reads the source: a file depends on a folder when it imports its namespace (<c>using Detente.Rules.X;</c>) or
/// names one of its types qualified (<c>X.Type</c>); a folder file depends on the facade (the files at the root) when it names
/// one of the facade's types, which every sub-namespace sees without a <c>using</c>.
/// </summary>
public sealed partial class FolderDependencyTests
{
    /// <summary>
    /// The allowed order, lowest first. Ast: the syntax tree. Parsing: text to syntax. Checking: types and scopes. Runtime:
    /// the values of evaluation (environments, party sets, zones, truth, findings). Compilation: syntax to delegates over the
    /// runtime, compiled agreements. Evaluation: agreements over a world (the evaluator, the incremental checker). Measures,
    /// Comparison and Audit use the evaluation; the facade at the root uses everything.
    /// </summary>
    public static readonly string[] Layers = ["Ast", "Parsing", "Checking", "Runtime", "Compilation", "Evaluation", "Measures", "Comparison", "Audit"];

    private const string Root = "(root)";

    [Fact]
    public void Folders_DependOnlyOnFoldersBelowThem()
    {
        var edges = Edges(RulesSource());
        var wrong = edges
            .Where(e => Rank(e.To) >= Rank(e.From) && !(e.From == e.To))
            .Select(e => $"{e.From} -> {e.To} ({e.Where})")
            .ToList();
        Assert.True(wrong.Count == 0, "folders of Detente.Rules that use a folder at or above their own layer "
                                      + $"(allowed order, lowest first: {string.Join(" < ", Layers)} < root):\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void EveryFolder_HasAPlaceInTheOrder()
    {
        var folders = Directory.EnumerateDirectories(RulesSource())
            .Select(Path.GetFileName)
            .Where(d => d is not ("bin" or "obj"))
            .ToList();
        Assert.All(folders, f => Assert.Contains(f, Layers));
    }

    [Fact]
    public void Edges_FindAnImportAQualifiedNameAndAFacadeType()
    {
        // The reader must see each kind of dependency, or the order test above could pass on a graph it failed to read.
        var dir = Directory.CreateTempSubdirectory("rules-folders-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "Ast"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "Runtime"));
            File.WriteAllText(Path.Combine(dir.FullName, "Facade.cs"), "namespace Detente.Rules;\npublic sealed class RuleFacade { }\n");
            File.WriteAllText(Path.Combine(dir.FullName, "Ast", "A.cs"),
                "using Detente.Rules.Runtime;\nnamespace Detente.Rules.Ast;\n// Evaluation.Evaluator in a comment is not a use\nclass A { RuleFacade f; }\n");
            File.WriteAllText(Path.Combine(dir.FullName, "Runtime", "R.cs"), "namespace Detente.Rules.Runtime;\nclass R { Ast.Expr e; }\n");
            var edges = Edges(dir.FullName).Select(e => $"{e.From}->{e.To}").Distinct().Order().ToList();
            Assert.Equal(["Ast->(root)", "Ast->Runtime", "Runtime->Ast"], edges);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static int Rank(string folder) => folder == Root ? Layers.Length : Array.IndexOf(Layers, folder) is var i and >= 0 ? i : int.MaxValue;

    private static List<(string From, string To, string Where)> Edges(string source)
    {
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Folder: FolderOf(source, f), Name: Path.GetRelativePath(source, f), Text: WithoutComments(File.ReadAllText(f))))
            .ToList();
        var facadeTypes = files.Where(f => f.Folder == Root)
            .SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var folders = files.Select(f => f.Folder).Where(f => f != Root).ToHashSet(StringComparer.Ordinal);
        var edges = new List<(string, string, string)>();
        foreach (var (folder, name, text) in files)
        {
            foreach (Match m in Import().Matches(text))
            {
                edges.Add((folder, m.Groups[1].Value, name));
            }

            foreach (Match m in Qualified().Matches(text))
            {
                if (folders.Contains(m.Groups[1].Value) && m.Groups[1].Value != folder)
                {
                    edges.Add((folder, m.Groups[1].Value, $"{name}: {m.Value}"));
                }
            }

            if (folder != Root)
            {
                foreach (Match m in Identifier().Matches(text))
                {
                    if (facadeTypes.Contains(m.Value))
                    {
                        edges.Add((folder, Root, $"{name}: {m.Value}"));
                    }
                }
            }
        }

        return edges;
    }

    private static string FolderOf(string source, string file)
    {
        var relative = Path.GetRelativePath(source, file).Split(Path.DirectorySeparatorChar);
        return relative.Length == 1 ? Root : relative[0];
    }

    // Comments and strings name types without using them.
    private static string WithoutComments(string text) => StringOrComment().Replace(text, "");

    private static string RulesSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return Path.Combine(dir.FullName, "src", "Detente.Rules");
            }
        }

        throw new InvalidOperationException("run the tests inside the repository");
    }

    [GeneratedRegex(@"^\s*using\s+Detente\.Rules\.(\w+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Import();

    [GeneratedRegex(@"(?<![\w.])(\w+)\.[A-Z]\w*")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@?\$?""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex StringOrComment();
}
