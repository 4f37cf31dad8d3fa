using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Rules.Ast;

namespace Detente.Rules.Parsing;

/// <summary>
/// Recursive-descent parser for <c>.accord</c> documents and rule expressions. A document's parser records an error and resumes
/// at the next header field, parameter, clause or article that starts a line, so one run reports every error. Nesting is bounded
/// (<see cref="RuleLimits.MaxNesting"/>) and chains of <c>and</c>/<c>or</c> become balanced trees, so no text can exhaust the
/// stack of the parser or of the stages after it.
/// </summary>
internal sealed partial class Parser
{
    private static readonly Dictionary<string, FactKind> Kinds = new(StringComparer.Ordinal)
    {
        ["deployment"] = FactKind.Deployment,
        ["deployments"] = FactKind.Deployment,
        ["activity"] = FactKind.Activity,
        ["activities"] = FactKind.Activity,
        ["membership"] = FactKind.Membership,
        ["memberships"] = FactKind.Membership,
        ["notification"] = FactKind.Notification,
        ["notifications"] = FactKind.Notification,
        ["observation"] = FactKind.Observation,
        ["observations"] = FactKind.Observation,
    };

    internal static readonly string[] DocumentKinds = ["treaty", "draft", "proposal", "political-commitment"];

    private static readonly string[] Reserved =
    [
        "and", "or", "not", "in", "reaches", "agreement", "article", "clause", "param", "binds", "forbid", "limit", "require",
        "right", "uncheckable", "where", "by", "group", "per", "count", "sum", "baseline", "due", "exists", "only", "while", "holds",
    ];

    private static readonly string[] HeaderFields = ["title", "kind", "proposed-by", "date", "parties", "in-force", "source"];

    // Below this many terms a chain of 'and' or 'or' keeps the parser's left-to-right grouping (and its print); above, a balanced tree.
    private const int LeftDeepChain = 8;

    private readonly List<Token> _tokens;
    private readonly string _file;
    private readonly List<RuleError> _errors = [];
    private int _index;
    private int _nesting;

    private Parser(string text, string file)
    {
        _file = file;
        _tokens = Tokenizer.Tokenize(text, file);
    }

    private Token Current => _tokens[_index];

    /// <summary>Parses a single expression, e.g. for golden cases or <c>--param</c> values.</summary>
    public static Expr ParseExpression(string text, string file = "")
    {
        var p = new Parser(text, file);
        var e = p.Expression();
        if (p.Current.Kind != TokenKind.End)
        {
            throw p.Error(RuleMessages.Expected("an operator or the end of the expression", p.Current));
        }

        return e;
    }

    /// <summary>Parses a whole document; throws <see cref="RuleException"/> with every syntax error found.</summary>
    public static DocumentSyntax ParseDocument(string text, string file)
    {
        var doc = ParseDocument(text, file, out var errors);
        return errors.Count > 0 || doc is null ? throw new RuleException(errors) : doc;
    }

    /// <summary>
    /// Parses a whole document, recovering after each error at the next header field, parameter, clause or article. Returns the
    /// document without the parts that failed (null when its header is incomplete) and the errors in the order of the text.
    /// </summary>
    public static DocumentSyntax? ParseDocument(string text, string file, out IReadOnlyList<RuleError> errors)
    {
        Parser p;
        try
        {
            p = new Parser(text, file);
        }
        catch (RuleException e)
        {
            errors = e.Errors;
            return null;
        }

        DocumentSyntax? doc = null;
        try
        {
            doc = p.Document();
        }
        catch (RuleException e)
        {
            p._errors.AddRange(e.Errors);
        }

        errors = p._errors;
        return doc;
    }

    // Skips to the next token that starts a line and is one of the given words (or the end), so the next part parses afresh.
    private void Resync(IReadOnlyCollection<string> words)
    {
        _nesting = 0;
        while (Current.Kind != TokenKind.End)
        {
            var startsLine = _index == 0 || _tokens[_index - 1].Position.Line < Current.Position.Line;
            if (startsLine && Current.Kind == TokenKind.Word && words.Contains(Current.Text))
            {
                return;
            }

            _index++;
        }
    }

    private DocumentSyntax? Document()
    {
        ExpectWord("agreement", "'agreement' and the document's id at the start of the file");
        var idPosition = Current.Position;
        var id = Slug("the document's id, e.g. ru-nato-2021-draft");
        string? title = null, kind = null, proposedBy = null, inForceNote = null;
        DateOnly? date = null, inForce = null, until = null;
        Expr? parties = null;
        var sources = ImmutableArray.CreateBuilder<SourceSyntax>();
        string[] afterHeader = [.. HeaderFields, "param", "article"];
        while (Current.Kind == TokenKind.Word && !Current.Is("param") && !Current.Is("article"))
        {
            var key = Next();
            try
            {
                switch (key.Text)
                {
                    case "title":
                        title = TextLiteral("the title in quotes");
                        break;
                    case "kind":
                        var k = ExpectKind(TokenKind.Word, "a document kind (treaty, draft, proposal, political-commitment)");
                        if (!DocumentKinds.Contains(k.Text))
                        {
                            throw Error(RuleMessages.UnknownValue("document kind", k.Text, DocumentKinds), k.Position);
                        }

                        kind = k.Text;
                        break;
                    case "proposed-by":
                        proposedBy = ExpectKind(TokenKind.Party, "a party code, e.g. RUS").Text;
                        break;
                    case "date":
                        date = Date();
                        break;
                    case "parties":
                        parties = Expression();
                        break;
                    case "in-force":
                        if (Current.Is("none"))
                        {
                            Next();
                        }
                        else
                        {
                            inForce = Date();
                        }

                        if (Current.Is("until"))
                        {
                            Next();
                            until = Date();
                        }

                        if (Current.Kind == TokenKind.Text)
                        {
                            inForceNote = Next().Text;
                        }

                        break;
                    case "source":
                        var sid = Slug("a source id");
                        var description = TextLiteral("the source's description in quotes");
                        var url = Current.Kind == TokenKind.Text ? Next().Text : null;
                        sources.Add(new SourceSyntax(sid, description, url));
                        break;
                    default:
                        throw Error(RuleMessages.Unknown("header field", key.Text, afterHeader), key.Position);
                }
            }
            catch (RuleException e)
            {
                _errors.AddRange(e.Errors);
                Resync(afterHeader);
            }
        }

        string? missing = null;
        if (title is null || kind is null || date is null || parties is null)
        {
            missing = title is null ? "title" : kind is null ? "kind" : date is null ? "date" : "parties";
            _errors.Add(new RuleError(_file, Current.Position, RuleMessages.Expected($"the header field '{missing}'", Current)));
        }

        var parameters = ImmutableArray.CreateBuilder<ParamSyntax>();
        string[] paramOrArticle = ["param", "article"];
        while (Current.Is("param"))
        {
            try
            {
                var at = Next().Position;
                var name = ExpectKind(TokenKind.Word, "the parameter's name").Text;
                ExpectSymbol(":");
                var type = ExpectKind(TokenKind.Word, "a parameter type (number, km, days, date, states, bool)").Text;
                ExpectSymbol("=");
                var value = Expression();
                var doc = TextLiteral("the parameter's documentation in quotes: what it stands for and why this default");
                parameters.Add(new ParamSyntax(at, name, type, value, doc));
            }
            catch (RuleException e)
            {
                _errors.AddRange(e.Errors);
                Resync(paramOrArticle);
            }
        }

        var articles = ImmutableArray.CreateBuilder<ArticleSyntax>();
        while (true)
        {
            if (Current.Is("article"))
            {
                try
                {
                    if (Article() is { } article)
                    {
                        articles.Add(article);
                    }
                }
                catch (RuleException e)
                {
                    _errors.AddRange(e.Errors);
                    Resync(["article"]);
                }

                continue;
            }

            if (Current.Kind == TokenKind.End)
            {
                break;
            }

            _errors.Add(new RuleError(_file, Current.Position, RuleMessages.Expected("'article', 'param' or the end of the file", Current)));
            _index++;
            Resync(paramOrArticle);
            while (Current.Is("param"))
            {
                // A parameter after the articles: report it, skip it.
                _errors.Add(new RuleError(_file, Current.Position, "parameters come before the first article"));
                _index++;
                Resync(paramOrArticle);
            }
        }

        return missing is not null
            ? null
            : new DocumentSyntax(_file, id, title!, kind!, proposedBy, date!.Value, parties!, inForce, until, inForceNote,
                sources.ToImmutable(), parameters.ToImmutable(), articles.ToImmutable()) { IdPosition = idPosition };
    }

    private const int MaxArticleNumber = 80;

    // An article whose header fails throws (the caller skips to the next article); a clause that fails is reported and skipped.
    private ArticleSyntax? Article()
    {
        var at = Next().Position;
        var numberToken = Next();
        if (numberToken.Kind is not (TokenKind.Number or TokenKind.Word))
        {
            throw Error(RuleMessages.Expected("the article's number, e.g. 4 or 7b", numberToken), numberToken.Position);
        }

        // The number becomes part of clause ids (Core.ClauseId: at most 100 characters with the clause's own ".n").
        if (numberToken.Text.Length > MaxArticleNumber)
        {
            throw Error($"an article's number has at most {MaxArticleNumber} characters, found {numberToken.Text.Length}", numberToken.Position);
        }

        var paraphrase = TextLiteral("the article's paraphrase in quotes");
        string? locator = null;
        if (Current.Is("source"))
        {
            Next();
            locator = TextLiteral("where in the source, e.g. \"Art. 4\"");
        }

        var binds = Binds();
        var clauses = ImmutableArray.CreateBuilder<ClauseSyntax>();
        if (Current.Is("uncheckable"))
        {
            var p = Next().Position;
            var reason = TextLiteral("the reason no machine can check this article");
            clauses.Add(Uncheckable(p, 1, paraphrase, reason));
        }

        var written = clauses.Count;
        var failed = false;
        while (Current.Is("clause"))
        {
            try
            {
                written++;
                clauses.Add(Clause(written));
            }
            catch (RuleException e)
            {
                _errors.AddRange(e.Errors);
                failed = true;
                Resync(["clause", "article"]);
            }
        }

        if (failed)
        {
            return clauses.Count == 0 ? null : new ArticleSyntax(at, numberToken.Text, paraphrase, locator, binds, clauses.ToImmutable()) { Partial = true };
        }

        if (clauses.Count == 0)
        {
            throw Error(RuleMessages.Expected("'clause' or 'uncheckable' (every article says how it is checked, or why it cannot be)", Current));
        }

        return new ArticleSyntax(at, numberToken.Text, paraphrase, locator, binds, clauses.ToImmutable());
    }

    private static ClauseSyntax Uncheckable(LineColumn p, int number, string statement, string reason) =>
        new(p, number, statement, ClauseKind.Uncheckable, null, FactKind.Deployment, "", null, null, [], null, AggregateKind.Count,
            null, BinaryOp.LessOrEqual, null, null, null, null, null, null, null, reason, null);

    private BindsSyntax? Binds()
    {
        if (!Current.Is("binds"))
        {
            return null;
        }

        Next();
        var parties = Expression();
        var alliances = false;
        if (Current.Is("including"))
        {
            Next();
            ExpectWord("alliances", "'alliances' after 'including'");
            alliances = true;
        }

        return new BindsSyntax(parties, alliances);
    }

    private ClauseSyntax Clause(int defaultNumber)
    {
        var at = Next().Position;
        var number = defaultNumber;
        if (Current.Kind == TokenKind.Number)
        {
            var n = Next();
            if (!int.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                throw Error(RuleMessages.Expected("a whole clause number", n), n.Position);
            }
        }

        var statement = TextLiteral("the clause's statement in quotes");
        string? locator = null;
        if (Current.Is("source"))
        {
            Next();
            locator = TextLiteral("where in the source");
        }

        var binds = Binds();
        var kindToken = Next();
        ClauseKind kind = kindToken.Text switch
        {
            "forbid" => ClauseKind.Prohibition,
            "limit" => ClauseKind.Limit,
            "require" => ClauseKind.Obligation,
            "right" => ClauseKind.Right,
            "uncheckable" => ClauseKind.Uncheckable,
            _ => throw Error(RuleMessages.Expected("a clause kind: forbid, limit, require, right or uncheckable", kindToken), kindToken.Position),
        };
        if (kind == ClauseKind.Uncheckable)
        {
            var reason = TextLiteral("the reason no machine can check this clause");
            return Uncheckable(at, number, statement, reason) with { SourceLocator = locator, Binds = binds };
        }

        var over = FactKindWord();
        var variable = Variable();
        Expr? by = null, where = null;
        if (Current.Is("by"))
        {
            Next();
            by = Expression();
        }

        if (Current.Is("where"))
        {
            Next();
            where = Expression();
        }

        var groups = ImmutableArray.CreateBuilder<Expr>();
        int? perYears = null;
        var simultaneous = false;
        var aggregate = AggregateKind.Count;
        Expr? sumOf = null, bound = null, due = null, existsWhere = null;
        var comparison = BinaryOp.LessOrEqual;
        DateOnly? baseline = null;
        FactKind? existsOver = null;
        string? existsVariable = null;
        if (kind is ClauseKind.Limit or ClauseKind.Right)
        {
            if (Current.Is("group"))
            {
                Next();
                ExpectWord("by", "'by' after 'group'");
                groups.Add(Expression());
                while (Current.Is(","))
                {
                    Next();
                    groups.Add(Expression());
                }
            }

            if (Current.Is("per"))
            {
                Next();
                if (Current.Is("calendar-year"))
                {
                    Next();
                    perYears = 1;
                }
                else
                {
                    var n = ExpectKind(TokenKind.Number, "'calendar-year' or a number of calendar-years");
                    perYears = int.Parse(n.Text, CultureInfo.InvariantCulture);
                    ExpectWord("calendar-years", "'calendar-years'");
                }
            }
            else if (kind == ClauseKind.Right)
            {
                throw Error(RuleMessages.Expected("'per calendar-year' (a right's quota is per period)", Current));
            }

            if (Current.Is("simultaneous"))
            {
                var word = Next();
                if (perYears is not null)
                {
                    throw Error("'simultaneous' counts facts in force at the same time and cannot be combined with 'per ... calendar-years'", word.Position);
                }

                simultaneous = true;
                ExpectWord("count", "'count' after 'simultaneous' (how many at the same time)");
            }
            else if (Current.Is("sum"))
            {
                Next();
                aggregate = AggregateKind.Sum;
                sumOf = Expression(stopAtComparison: true);
            }
            else
            {
                ExpectWord("count", "'count' or 'sum' and the aggregate's bound");
            }

            var op = Next();
            comparison = op.Text switch
            {
                "<=" => BinaryOp.LessOrEqual,
                "<" => BinaryOp.Less,
                ">=" => BinaryOp.GreaterOrEqual,
                ">" => BinaryOp.Greater,
                "=" => BinaryOp.Equal,
                _ => throw Error(RuleMessages.Expected("a comparison (<=, <, >=, >, =)", op), op.Position),
            };
            if (Current.Is("baseline"))
            {
                Next();
                baseline = Date();
            }
            else
            {
                bound = Expression();
            }
        }
        else if (kind == ClauseKind.Obligation)
        {
            ExpectWord("due", "'due' and the deadline (a date expression)");
            due = Expression();
            ExpectWord("exists", "'exists' and the kind of fact that must exist");
            existsOver = FactKindWord();
            existsVariable = Variable();
            ExpectWord("where", "'where' and what the required fact must satisfy");
            existsWhere = Expression();
        }

        string? onlyWhile = null;
        if (Current.Is("only"))
        {
            Next();
            ExpectWord("while", "'while' after 'only'");
            var r = Next();
            if (r.Kind is not (TokenKind.Number or TokenKind.Word))
            {
                throw Error(RuleMessages.Expected("a clause of this document, e.g. 2.2", r), r.Position);
            }

            onlyWhile = r.Text;
            ExpectWord("holds", "'holds'");
        }

        return new ClauseSyntax(at, number, statement, kind, binds, over, variable, by, where, groups.ToImmutable(), perYears, aggregate,
            sumOf, comparison, bound, baseline, due, existsOver, existsVariable, existsWhere, onlyWhile, null, locator)
        {
            Simultaneous = simultaneous,
        };
    }

    private FactKind FactKindWord()
    {
        var t = Next();
        if (t.Kind == TokenKind.Word && Kinds.TryGetValue(t.Text, out var kind))
        {
            return kind;
        }

        throw Error(t.Kind == TokenKind.Word
            ? RuleMessages.Unknown("kind of fact", t.Text, Kinds.Keys.Where(k => k.EndsWith('s')))
            : RuleMessages.Expected("a kind of fact (deployments, activities, memberships, notifications, observations)", t), t.Position);
    }

    private string Variable()
    {
        var t = ExpectKind(TokenKind.Word, "a one-word name for the fact, e.g. d");
        if (Reserved.Contains(t.Text))
        {
            throw Error(RuleMessages.Expected("a name for the fact that is not a keyword", t), t.Position);
        }

        return t.Text;
    }

    // Precedence, loosest first: or, and, not, comparison (= != < <= > >= in, not in, reaches), set/date arithmetic (| & + -), field.
    // A whole expression (nesting 0) is measured once parsed: chains of '+', fields and the like deepen the tree without recursion here.
    private Expr Expression(bool stopAtComparison = false)
    {
        var top = _nesting == 0;
        var e = stopAtComparison ? Additive() : Or();
        if (top && RuleLimits.TooDeep(e) is { } deep)
        {
            throw Error(RuleMessages.NestingTooDeep, deep.Position);
        }

        return e;
    }

    private Expr Or() => Chain("or", BinaryOp.Or, And);

    private Expr And() => Chain("and", BinaryOp.And, Not);

    // 'and' and 'or' are associative (also over unknown and disputed), so a long chain is grouped as a balanced tree: its depth
    // grows with the logarithm of its length, and every stage after the parser walks it without deep recursion.
    private Expr Chain(string word, BinaryOp op, Func<Expr> operand)
    {
        var first = operand();
        if (!Current.Is(word))
        {
            return first;
        }

        var terms = new List<Expr> { first };
        var operators = new List<LineColumn>();
        while (Current.Is(word))
        {
            operators.Add(Next().Position);
            terms.Add(operand());
        }

        if (terms.Count <= LeftDeepChain)
        {
            var left = terms[0];
            for (var i = 1; i < terms.Count; i++)
            {
                left = new BinaryExpr(operators[i - 1], op, left, terms[i]);
            }

            return left;
        }

        Expr Balanced(int lo, int hi)
        {
            if (lo == hi)
            {
                return terms[lo];
            }

            var mid = (lo + hi) / 2;
            return new BinaryExpr(operators[mid], op, Balanced(lo, mid), Balanced(mid + 1, hi));
        }

        return Balanced(0, terms.Count - 1);
    }

    private Expr Not()
    {
        if (!Current.Is("not") || _tokens[_index + 1].Is("in"))
        {
            return Comparison();
        }

        // Invariant: the parser's recursion is bounded by 'nesting' (here and in Primary), whatever the text.
        var nots = new List<LineColumn>();
        while (Current.Is("not") && !_tokens[_index + 1].Is("in"))
        {
            nots.Add(Next().Position);
            if (_nesting + nots.Count > RuleLimits.MaxNesting)
            {
                throw Error(RuleMessages.NestingTooDeep, nots[^1]);
            }
        }

        _nesting += nots.Count;
        var e = Comparison();
        _nesting -= nots.Count;
        for (var i = nots.Count - 1; i >= 0; i--)
        {
            e = new NotExpr(nots[i], e);
        }

        return e;
    }

    private Expr Comparison()
    {
        var left = Additive();
        var t = Current;
        BinaryOp? op = t.Text switch
        {
            "=" when t.Kind == TokenKind.Symbol => BinaryOp.Equal,
            "!=" when t.Kind == TokenKind.Symbol => BinaryOp.NotEqual,
            "<" when t.Kind == TokenKind.Symbol => BinaryOp.Less,
            "<=" when t.Kind == TokenKind.Symbol => BinaryOp.LessOrEqual,
            ">" when t.Kind == TokenKind.Symbol => BinaryOp.Greater,
            ">=" when t.Kind == TokenKind.Symbol => BinaryOp.GreaterOrEqual,
            "in" when t.Kind == TokenKind.Word => BinaryOp.In,
            "reaches" when t.Kind == TokenKind.Word => BinaryOp.Reaches,
            "not" when t.Kind == TokenKind.Word && _tokens[_index + 1].Is("in") => BinaryOp.NotIn,
            _ => null,
        };
        if (op is null)
        {
            return left;
        }

        Next();
        if (op == BinaryOp.NotIn)
        {
            Next();
        }

        return new BinaryExpr(t.Position, op.Value, left, Additive());
    }

    private Expr Additive()
    {
        var left = Postfix();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "+" or "-" or "|" or "&")
        {
            var t = Next();
            var op = t.Text switch { "+" => BinaryOp.Plus, "-" => BinaryOp.Minus, "|" => BinaryOp.Union, _ => BinaryOp.Intersect };
            left = new BinaryExpr(t.Position, op, left, Postfix());
        }

        return left;
    }

    private Expr Postfix()
    {
        var e = Primary();
        while (Current.Is("."))
        {
            var p = Next().Position;
            var field = ExpectKind(TokenKind.Word, "a field name after '.'");
            e = new FieldExpr(p, e, field.Text);
        }

        return e;
    }

    private Expr Primary()
    {
        if (++_nesting > RuleLimits.MaxNesting)
        {
            throw Error(RuleMessages.NestingTooDeep, Current.Position);
        }

        var e = PrimaryInner();
        _nesting--;
        return e;
    }

    private Expr PrimaryInner()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Next();
                var value = double.Parse(t.Text, CultureInfo.InvariantCulture);
                var unit = NumberUnit.None;
                if (Current.Is("days") || Current.Is("day"))
                {
                    Next();
                    unit = NumberUnit.Days;
                }
                else if (Current.Is("km"))
                {
                    Next();
                    unit = NumberUnit.Km;
                }

                return new NumberExpr(t.Position, value, unit);
            case TokenKind.Date:
                Next();
                return new DateExpr(t.Position, DateOnly.ParseExact(t.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            case TokenKind.Text:
                Next();
                return new TextExpr(t.Position, t.Text);
            case TokenKind.Party:
                Next();
                return new PartyExpr(t.Position, t.Text);
            case TokenKind.Word when MeasureForms.Contains(t.Text):
                return MeasureForm();
            case TokenKind.Word when !Reserved.Contains(t.Text):
                Next();
                if (Current.Is("("))
                {
                    Next();
                    var args = ImmutableArray.CreateBuilder<Expr>();
                    if (!Current.Is(")"))
                    {
                        args.Add(Expression());
                        while (Current.Is(","))
                        {
                            Next();
                            args.Add(Expression());
                        }
                    }

                    ExpectSymbol(")");
                    return new CallExpr(t.Position, t.Text, args.ToImmutable());
                }

                return new NameExpr(t.Position, t.Text);
            case TokenKind.Symbol when t.Text == "(":
                Next();
                var inner = Expression();
                ExpectSymbol(")");
                return inner;
            case TokenKind.Symbol when t.Text == "{":
                Next();
                var items = ImmutableArray.CreateBuilder<Expr>();
                if (!Current.Is("}"))
                {
                    items.Add(Expression());
                    while (Current.Is(","))
                    {
                        Next();
                        items.Add(Expression());
                    }
                }

                ExpectSymbol("}");
                return new SetExpr(t.Position, items.ToImmutable());
            default:
                throw Error(RuleMessages.Expected("a value (a number, date, party, name, set or '(')", t), t.Position);
        }
    }

    private Token Next() => _tokens[_index < _tokens.Count - 1 ? _index++ : _index];

    private Token ExpectKind(TokenKind kind, string what)
    {
        var t = Current;
        if (t.Kind != kind)
        {
            throw Error(RuleMessages.Expected(what, t), t.Position);
        }

        return Next();
    }

    private void ExpectWord(string word, string what)
    {
        if (!Current.Is(word))
        {
            throw Error(RuleMessages.Expected(what, Current), Current.Position);
        }

        Next();
    }

    private void ExpectSymbol(string symbol)
    {
        if (!(Current.Kind == TokenKind.Symbol && Current.Text == symbol))
        {
            throw Error(RuleMessages.Expected($"'{symbol}'", Current), Current.Position);
        }

        Next();
    }

    private string TextLiteral(string what) => ExpectKind(TokenKind.Text, what).Text;

    private string Slug(string what)
    {
        var t = Next();
        if (t.Kind is TokenKind.Word or TokenKind.Number && Core.Slug.IsValid(t.Text))
        {
            return t.Text;
        }

        throw Error(RuleMessages.Expected(what, t), t.Position);
    }

    private DateOnly Date()
    {
        var t = Next();
        if (t.Kind != TokenKind.Date)
        {
            throw Error(RuleMessages.Expected("a date as YYYY-MM-DD", t), t.Position);
        }

        return DateOnly.ParseExact(t.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private RuleException Error(string message) => Error(message, Current.Position);

    private RuleException Error(string message, LineColumn position) => new(new RuleError(_file, position, message));
}
