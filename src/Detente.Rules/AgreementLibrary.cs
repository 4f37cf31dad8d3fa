using Detente.Rules.Compilation;
using Detente.Rules.Parsing;

namespace Detente.Rules;

/// <summary>The agreements of a directory of <c>.accord</c> files, parsed, checked and compiled, in id order.</summary>
internal sealed class AgreementLibrary
{
    public const string Extension = ".accord";

    private AgreementLibrary(IReadOnlyList<Agreement> agreements)
    {
        All = agreements;
    }

    public IReadOnlyList<Agreement> All { get; }

    /// <summary>Compiles every file; throws <see cref="RuleException"/> listing every error of every file.</summary>
    public static AgreementLibrary Load(string directory, IReadOnlyCollection<string> regions, IReadOnlyCollection<string>? parties = null)
    {
        var errors = new List<RuleError>();
        var agreements = new List<Agreement>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            try
            {
                agreements.Add(CompileFile(path, Path.Combine(Path.GetFileName(directory), Path.GetFileName(path)), regions, parties));
            }
            catch (RuleException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        return errors.Count > 0 ? throw new RuleException(errors) : new AgreementLibrary(agreements.OrderBy(a => a.Id, StringComparer.Ordinal).ToList());
    }

    public static Agreement CompileFile(string path, string displayName, IReadOnlyCollection<string> regions, IReadOnlyCollection<string>? parties = null)
    {
        var doc = Parser.ParseDocument(File.ReadAllText(path), displayName);
        var expected = Path.GetFileNameWithoutExtension(path);
        if (doc.Id != expected)
        {
            throw new RuleException(new RuleError(displayName, new Ast.Position(1, 11), $"the document's id '{doc.Id}' differs from its file name '{expected}'"));
        }

        return AgreementCompiler.Compile(doc, regions, parties);
    }

    public Agreement? Find(string id) => All.FirstOrDefault(a => a.Id == id);
}
