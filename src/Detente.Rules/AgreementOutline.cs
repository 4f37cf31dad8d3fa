using Detente.Core;
using Detente.Rules.Compilation;

namespace Detente.Rules;

/// <summary>
/// What a compiled document says, for views that list or show it: its header, its sources and its articles with their clauses
/// (each with whether a machine can check it, and why not when it cannot).
/// </summary>
/// <param name="Id">The document's id (its slug).</param>
/// <param name="Title">Its title.</param>
/// <param name="Kind">What it is: <c>draft</c>, <c>proposal</c>, <c>treaty</c> or <c>political-commitment</c>.</param>
/// <param name="Date">The date it carries.</param>
/// <param name="ProposedBy">Who proposed it, when the document says.</param>
/// <param name="Parties">Its parties, as rule text writes them.</param>
/// <param name="InForce">The day it entered into force; null when it never did.</param>
/// <param name="Until">The last day of its term, when it has one.</param>
/// <param name="InForceNote">The note the document gives about its force, if any.</param>
/// <param name="Sources">The sources the document cites.</param>
/// <param name="Articles">Its articles in document order.</param>
public sealed record AgreementOutline(string Id, string Title, string Kind, DateOnly Date, string? ProposedBy, string Parties, DateOnly? InForce,
    DateOnly? Until, string? InForceNote, IReadOnlyList<AgreementSource> Sources, IReadOnlyList<ArticleOutline> Articles)
{
    /// <summary>Every clause of every article, in document order.</summary>
    public IEnumerable<ClauseOutline> Clauses => Articles.SelectMany(a => a.Clauses);

    /// <summary>The outline of <paramref name="agreement"/>.</summary>
    public static AgreementOutline Of(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var doc = agreement.Syntax;
        return new AgreementOutline(agreement.Id, agreement.Title, agreement.Kind, doc.Date, doc.ProposedBy, doc.Parties.ToString()!, doc.InForce,
            doc.Until, doc.InForceNote, [.. doc.Sources.Select(s => new AgreementSource(s.Id, s.Description, s.Url))],
            [.. agreement.Articles.Select(a => new ArticleOutline(a.Number, a.Locator, a.Paraphrase, [.. a.Clauses.Select(c => Clause(agreement, c))]))]);
    }

    internal static ClauseOutline Clause(Agreement agreement, CompiledClause c) =>
        new(new ClauseId(agreement.AgreementId, c.Id), c.Id, c.Kind.ToString().ToLowerInvariant(), c.Checkable, c.Syntax.Reason, c.Statement);
}

/// <summary>A source a document cites.</summary>
/// <param name="Id">Its id within the document.</param>
/// <param name="Description">What it is.</param>
/// <param name="Url">Where to read it, if given.</param>
public sealed record AgreementSource(string Id, string Description, string? Url);

/// <summary>An article: its number, where it is in the source text, its paraphrase and its clauses.</summary>
/// <param name="Number">The article's number, e.g. <c>4</c>.</param>
/// <param name="Locator">Where the article is in the source text, if given.</param>
/// <param name="Paraphrase">What the article says, in the document's paraphrase.</param>
/// <param name="Clauses">Its clauses in order.</param>
public sealed record ArticleOutline(string Number, string? Locator, string Paraphrase, IReadOnlyList<ClauseOutline> Clauses);

/// <summary>A clause: its id, kind, whether a machine can check it (and why not), and its statement.</summary>
/// <param name="Id">The clause's id, <c>agreement/number</c>.</param>
/// <param name="Number">Its number within the document, e.g. <c>4</c> or <c>7.1</c>.</param>
/// <param name="Kind">Its kind as a word: <c>prohibition</c>, <c>limit</c>, <c>obligation</c>, ... or <c>uncheckable</c>.</param>
/// <param name="Checkable">True when a machine can decide it.</param>
/// <param name="Reason">Why no machine can check it, for a clause that is not checkable.</param>
/// <param name="Statement">What the clause says.</param>
public sealed record ClauseOutline(ClauseId Id, string Number, string Kind, bool Checkable, string? Reason, string Statement);
