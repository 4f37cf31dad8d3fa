using System.Text;
using System.Text.RegularExpressions;

namespace Detente.Cli.Tests;

/// <summary>
/// Every fenced <c>accord</c> block of docs/rule-language.md goes through the real parser and checker (<c>detente lint</c>):
/// a block that starts with <c>agreement</c> starts a document, the blocks after it continue that document.
/// </summary>
public sealed class RuleLanguageDocTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-doc-accord-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static List<(string Id, string Text)> Documents(string markdown)
    {
        var documents = new List<(string Id, StringBuilder Text)>();
        foreach (Match block in Regex.Matches(markdown, "```accord\n(.*?)```", RegexOptions.Singleline))
        {
            var text = block.Groups[1].Value;
            if (Regex.Match(text, @"^agreement ([a-z0-9-]+)", RegexOptions.Multiline) is { Success: true } header && text.TrimStart().StartsWith("agreement", StringComparison.Ordinal))
            {
                documents.Add((header.Groups[1].Value, new StringBuilder(text)));
            }
            else
            {
                Assert.True(documents.Count > 0, "an accord block before any block that starts a document:\n" + text);
                documents[^1].Text.Append('\n').Append(text);
            }
        }

        return [.. documents.Select(d => (d.Id, d.Text.ToString()))];
    }

    [Fact]
    public void UserGuide_EveryAccordBlock_LintsClean()
    {
        var markdown = File.ReadAllText(Path.Combine(Cli.RepositoryRoot(), "docs", "rule-language.md")).ReplaceLineEndings("\n");
        var documents = Documents(markdown);
        Assert.NotEmpty(documents);
        foreach (var (id, text) in documents)
        {
            var path = Path.Combine(_dir, id + ".accord");
            File.WriteAllText(path, text);
            var lint = Cli.Run("lint", path);
            Assert.True(lint.ExitCode == 0, $"{id}: {lint.Error}");
            Assert.Contains(": ok — " + id, lint.Output);
        }

        // The worked example holds one clause of each kind the guide explains.
        var example = documents.Single(d => d.Id == "guide-example").Text;
        foreach (var kind in new[] { "forbid ", "limit ", "require ", "due ", "right ", "per calendar-year count", "only while ", "border-zone(" })
        {
            Assert.Contains(kind, example);
        }
    }

    [Fact]
    public void UserGuide_HasNoEngineInternals()
    {
        var markdown = File.ReadAllText(Path.Combine(Cli.RepositoryRoot(), "docs", "rule-language.md"));
        foreach (var internals in new[] { "chunks of 1,024", "IncrementalChecker", "MembershipPatchTests", "FactTests", "MembershipImpact", "src/Detente.Rules" })
        {
            Assert.DoesNotContain(internals, markdown);
        }
    }

    [Fact]
    public void Documents_BlockWithABrokenClause_FailsLint()
    {
        // The check above would catch a guide example the parser refuses: the same assembly with one typo fails.
        var markdown = File.ReadAllText(Path.Combine(Cli.RepositoryRoot(), "docs", "rule-language.md")).ReplaceLineEndings("\n")
            .Replace("forbid deployments d by d.owner\n      where d.host = UKR", "forbid deployments d by d.owner\n      where d.hots = UKR", StringComparison.Ordinal);
        var (id, text) = Documents(markdown).Single(d => d.Id == "guide-example");
        var path = Path.Combine(_dir, id + ".accord");
        File.WriteAllText(path, text);
        var lint = Cli.Run("lint", path);
        Assert.Equal(2, lint.ExitCode);
        Assert.Contains("hots", lint.Error);
    }
}
