using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Compilation;

namespace Detente.Node.Reports.Rules;

/// <summary>What <c>detente agreements show ID</c> shows: a document's header and sources, its parameters, and its articles with their clauses.</summary>
/// <param name="Agreement">The document.</param>
/// <param name="Outline">What it says.</param>
public sealed record AgreementPage(Agreement Agreement, AgreementOutline Outline)
{
    /// <summary>The page of <paramref name="agreement"/>.</summary>
    public static AgreementPage Of(Agreement agreement) => new(agreement, AgreementOutline.Of(agreement));

    /// <summary>The header: id and title, kind, date, proposer and parties, whether and until when it is in force, and each source.</summary>
    public IEnumerable<string> Header()
    {
        var a = Outline;
        yield return $"{a.Id} — {a.Title}";
        yield return $"kind {a.Kind}; dated {a.Date:yyyy-MM-dd}; proposed by {a.ProposedBy ?? "—"}; parties {a.Parties}";
        yield return $"in force: {(a.InForce is { } f ? $"{f:yyyy-MM-dd}" : "no")}{(a.Until is { } u ? $" until {u:yyyy-MM-dd}" : "")}"
                     + (a.InForceNote is { } n ? $" — {n}" : "");
        foreach (var s in a.Sources)
        {
            yield return $"source {s.Id}: {s.Description} {s.Url ?? ""}";
        }
    }

    /// <summary>Each article (after a blank line) with its paraphrase, then its clauses indented, each with its kind or why no machine can check it.</summary>
    public IEnumerable<string> Articles()
    {
        foreach (var article in Outline.Articles)
        {
            yield return "";
            yield return $"Article {article.Number}{(article.Locator is { } l ? $" ({l})" : "")}: {article.Paraphrase}";
            foreach (var c in article.Clauses)
            {
                yield return $"  {c.Id} ({(c.Checkable ? c.Kind : $"not checkable — {c.Reason}")}): {c.Statement}";
            }
        }
    }

    /// <summary>The document's parameters: name, type, default and meaning.</summary>
    public ReportTable Parameters()
    {
        var table = new ReportTable("Parameters (set with --param NAME=VALUE)", Column.Id("Name"), Column.Id("Type"), new Column("Default"), new Column("Meaning"));
        foreach (var p in Agreement.Parameters)
        {
            table.Add(p.Name, p.Type, p.Default, p.Documentation);
        }

        return table;
    }

    /// <summary>Every clause: its id, article, kind, whether it is checkable (and why not) and its statement.</summary>
    public ReportTable Clauses()
    {
        var table = new ReportTable(null, Column.Id("Clause"), Column.Id("Article"), Column.Id("Kind"), Column.Id("Checkable"), new Column("Statement"));
        foreach (var (article, c) in Outline.Articles.SelectMany(article => article.Clauses.Select(c => (article, c))))
        {
            table.Add(c.Id.ToString(), article.Number, c.Kind, c.Checkable ? "yes" : $"no: {c.Reason}", c.Statement);
        }

        return table;
    }

    /// <summary>The page's tables by name, as <c>--table</c> chooses them: <c>parameters</c> and <c>clauses</c>.</summary>
    public IReadOnlyDictionary<string, ReportTable> Tables() => new Dictionary<string, ReportTable> { ["parameters"] = Parameters(), ["clauses"] = Clauses() };
}
