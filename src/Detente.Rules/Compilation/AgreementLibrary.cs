using Detente.Core;
using Detente.Rules.Parsing;

namespace Detente.Rules.Compilation;

/// <summary>The agreements of a directory of <c>.accord</c> files, parsed, checked and compiled, in id order.</summary>
public sealed class AgreementLibrary
{
    /// <summary>The extension of agreement files.</summary>
    public const string Extension = ".accord";

    private AgreementLibrary(IReadOnlyList<Agreement> agreements)
    {
        All = agreements;
    }

    /// <summary>Every agreement, in id order.</summary>
    public IReadOnlyList<Agreement> All { get; }

    /// <summary>Compiles every file; throws <see cref="RuleException"/> listing every error of every file.</summary>
    internal static AgreementLibrary Load(string directory, IReadOnlyCollection<string> regions, IReadOnlyCollection<string>? parties = null)
    {
        var errors = new List<RuleError>();
        var agreements = new List<Agreement>();
        // Every entry, not only files: a directory named x.accord is an error, never silently skipped.
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*" + Extension).Order(StringComparer.Ordinal))
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

    /// <summary>
    /// Parses, checks and compiles one file; throws <see cref="RuleException"/> with every error of the file in the order of
    /// the text: syntax errors (the parser resumes at the next clause or article) and the checker's errors of what parsed.
    /// </summary>
    internal static Agreement CompileFile(string path, string displayName, IReadOnlyCollection<string> regions, IReadOnlyCollection<string>? parties = null) =>
        CompileText(ReadText(path, displayName), Path.GetFileNameWithoutExtension(path), displayName, regions, parties);

    private static string ReadText(string path, string displayName)
    {
        try
        {
            return Core.InputFile.ReadAllText(path, Core.InputFile.AgreementLimit, displayName);
        }
        catch (Core.InputException e)
        {
            throw new RuleException(new RuleError(displayName, new Ast.LineColumn(Math.Max(e.Location.Line, 1), Math.Max(e.Location.Column, 1)), e.Problem));
        }
    }

    /// <summary>Compiles the text of a document whose file is named <paramref name="expectedId"/> (without extension).</summary>
    internal static Agreement CompileText(string text, string expectedId, string displayName, IReadOnlyCollection<string> regions,
        IReadOnlyCollection<string>? parties = null)
    {
        var doc = Parser.ParseDocument(text, displayName, out var syntaxErrors);
        var errors = new List<RuleError>(syntaxErrors);
        if (doc is not null && doc.Id != expectedId)
        {
            errors.Add(new RuleError(displayName, doc.IdPosition, $"the document's id '{doc.Id}' differs from its file name '{expectedId}'"));
        }

        if (doc is not null)
        {
            try
            {
                var agreement = AgreementCompiler.Compile(doc, regions, parties);
                if (errors.Count == 0)
                {
                    return agreement;
                }
            }
            catch (RuleException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        throw new RuleException(errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column).ToList());
    }

    /// <summary>The agreement with id <paramref name="id"/>; null when the library has none.</summary>
    public Agreement? Find(string id) => All.FirstOrDefault(a => a.Id == id);

    /// <summary>The agreement with id <paramref name="id"/>; null when the library has none.</summary>
    public Agreement? Find(AgreementId id) => Find(id.Value);
}
