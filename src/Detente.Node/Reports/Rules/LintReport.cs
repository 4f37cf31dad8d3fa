using System.Globalization;
using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Parsing;

namespace Detente.Node.Reports.Rules;

/// <summary>What <c>detente lint FILE</c> shows: a <c>.accord</c> file parsed, checked and compiled, or every error with its line and column.</summary>
/// <param name="Path">The file, as given.</param>
/// <param name="Agreement">The compiled document; null when the file has errors.</param>
/// <param name="Errors">Every error found, in the order of the text; empty when the file is ok.</param>
public sealed record LintReport(string Path, Agreement? Agreement, IReadOnlyList<RuleError> Errors)
{
    /// <summary>Compiles <paramref name="path"/> with <paramref name="engine"/>.</summary>
    public static LintReport Build(RuleEngine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TryCompileFile(path, path, out var agreement, out var errors) ? new(path, agreement, errors) : new(path, null, errors);
    }

    /// <summary>"FILE: ok — ID, 7 articles, 12 clauses (9 checkable), 2 parameters" for a file without errors; null for one with errors.</summary>
    public string? Summary => Agreement is { } a && AgreementOutline.Of(a) is var outline
        ? $"{Path}: ok — {a.Id}, {outline.Articles.Count} articles, {outline.Clauses.Count()} clauses " +
          $"({outline.Clauses.Count(c => c.Checkable)} checkable), {a.Parameters.Count} parameters"
        : null;

    /// <summary>Every error as a row: file, line, column (in characters, from 1) and the message; no rows when the file is ok.</summary>
    public ReportTable Table()
    {
        var table = new ReportTable(null, Column.Id("File"), Column.Id("Line"), Column.Id("Column"), new Column("Message"));
        foreach (var e in Errors)
        {
            table.Add(e.File, e.Line.ToString(CultureInfo.InvariantCulture), e.Column.ToString(CultureInfo.InvariantCulture), e.Message);
        }

        return table;
    }
}
