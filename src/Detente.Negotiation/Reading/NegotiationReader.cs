using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Negotiation.Reading;

/// <summary>
/// Reads the negotiation data files (sources, issues, positions and linkages, proposals) into the model, checking every
/// field against its type and every value against its issue's domain; the first problem stops reading with its location.
/// </summary>
internal sealed class NegotiationReader
{
    private readonly Dictionary<string, CitedSource> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<IssueId, Issue> _issues = [];

    public IReadOnlyDictionary<IssueId, Issue> Issues => _issues;

    public void AddIssue(Issue issue) => _issues[issue.Id] = issue;

    public IReadOnlyDictionary<string, CitedSource> Sources => _sources;

    /// <summary>The parameters measures may use, read with the issues.</summary>
    public ImmutableArray<IssueParameter> Parameters { get; private set; } = [];

    public void ReadSourceMap(IEnumerable<KeyValuePair<string, CitedSource>> known)
    {
        foreach (var (k, v) in known)
        {
            _sources.TryAdd(k, v);
        }
    }

    public static LocatedJson ParseFile(string path, string displayPath) => LocatedJson.Load(path, displayPath);

    public void ReadSources(LocatedJson tree)
    {
        var root = Object(tree, "the sources file");
        var map = Object(Required(root, "sources"), "the 'sources' map");
        foreach (var p in map.Members)
        {
            Slug(p.Name, p.NameLocation, "a source id");
            var o = Object(p.Value, "a source");
            Known(o, SourceFields);
            _sources[p.Name] = SourceOf(p.Name, o);
        }
    }

    public (ImmutableArray<Issue> Issues, ImmutableArray<IssueLink> Links) ReadIssues(LocatedJson tree)
    {
        var root = Object(tree, "the issues file");
        Known(root, "parameters", "issues", "links");
        var list = ImmutableArray.CreateBuilder<Issue>();
        foreach (var item in Array(Required(root, "issues"), "the list of issues").Items)
        {
            var o = Object(item, "an issue");
            Known(o, "id", "title", "domain", "measure", "unmeasured", "definition", "status_quo");
            var idTree = Required(o, "id");
            var id = new IssueId(Slug(Text(idTree, "id"), idTree.Location, "an issue id"));
            if (_issues.ContainsKey(id))
            {
                throw Error(idTree, $"issue '{id}' is defined twice");
            }

            var (domain, unit) = Domain(Required(o, "domain"));
            string? measure = null, unmeasured = null;
            Func<int, (int, int)>? locator = null;
            switch (o["measure"], o["unmeasured"])
            {
                case ({ } m, null):
                    measure = Text(m, "measure");
                    locator = Locator((LocatedString)m);
                    if (string.IsNullOrWhiteSpace(measure))
                    {
                        throw Error(m,
                            $"the measure of issue '{id}' is empty; write it in the rule language or mark the issue 'unmeasured'");
                    }

                    if (o["status_quo"] is { } recorded)
                    {
                        throw Error(recorded, $"issue '{id}' is measured from the world, so its status quo is computed, not recorded; "
                            + "remove 'status_quo', or replace 'measure' with 'unmeasured' and the reason");
                    }

                    break;
                case (null, { } u):
                    unmeasured = Text(u, "unmeasured");
                    if (string.IsNullOrWhiteSpace(unmeasured))
                    {
                        throw Error(u, $"issue '{id}' is unmeasured; say why the world as recorded cannot measure it");
                    }

                    break;
                case (null, null):
                    throw Error(o, $"issue '{id}' needs 'measure' (rule-language text) or 'unmeasured' (why the world cannot measure it)");
                default:
                    throw Error(o["unmeasured"]!, $"issue '{id}' has both 'measure' and 'unmeasured'; keep one");
            }

            var statusQuo = ImmutableArray.CreateBuilder<StatusQuoValue>();
            if (o["status_quo"] is { } sq)
            {
                foreach (var entry in Array(sq, "the status-quo values").Items)
                {
                    var e = Object(entry, "a status-quo value");
                    Known(e, "from", "value", "note", "sources");
                    var from = Date(Required(e, "from"), "from");
                    if (statusQuo.Count > 0 && statusQuo[^1].From >= from)
                    {
                        throw Error(Required(e, "from"), "status-quo values must be in ascending order of 'from'");
                    }

                    statusQuo.Add(new StatusQuoValue(from, Value(Required(e, "value"), id, domain, unit), Text(Required(e, "note"), "note"),
                        SourceList(Required(e, "sources"))));
                }
            }

            var issue = new Issue(
                id, Text(Required(o, "title"), "title"), domain, unit, measure, Text(Required(o, "definition"), "definition"),
                statusQuo.ToImmutable(), o.Location)
            {
                Unmeasured = unmeasured,
                MeasureLocator = locator,
            };
            _issues[id] = issue;
            list.Add(issue);
        }

        var parameters = ImmutableArray.CreateBuilder<IssueParameter>();
        if (root["parameters"] is { } parameterTree)
        {
            foreach (var item in Array(parameterTree, "the list of parameters").Items)
            {
                var o = Object(item, "a parameter");
                Known(o, "name", "type", "value", "documentation", "sources");
                var nameTree = Required(o, "name");
                var name = Slug(Text(nameTree, "name"), nameTree.Location, "a parameter name");
                if (parameters.Any(p => p.Name == name))
                {
                    throw Error(nameTree, $"parameter '{name}' is defined twice");
                }

                var valueTree = Required(o, "value");
                parameters.Add(new IssueParameter(name, Text(Required(o, "type"), "type"), Text(valueTree, "value"),
                    Text(Required(o, "documentation"), "documentation"), SourceList(Required(o, "sources")), o.Location)
                {
                    TypeLocation = Required(o, "type").Location,
                    ValueLocator = Locator((LocatedString)valueTree),
                });
            }
        }

        Parameters = parameters.ToImmutable();

        var links = ImmutableArray.CreateBuilder<IssueLink>();
        if (root["links"] is { } linkTree)
        {
            foreach (var item in Array(linkTree, "the list of links between issues").Items)
            {
                var o = Object(item, "a link between issues");
                Known(o, "id", "title", "holds");
                var idTree = Required(o, "id");
                links.Add(new IssueLink(Slug(Text(idTree, "id"), idTree.Location, "a link id"), Text(Required(o, "title"), "title"),
                    Condition(Required(o, "holds")), o.Location));
            }
        }

        return (list.ToImmutable(), links.ToImmutable());
    }

    public (ImmutableArray<Position> Positions, ImmutableArray<Linkage> Linkages) ReadPositions(LocatedJson tree)
    {
        var root = Object(tree, "the positions file");
        Known(root, "positions", "linkages");
        var positions = ImmutableArray.CreateBuilder<Position>();
        var ids = new HashSet<PositionId>();
        foreach (var item in Array(Required(root, "positions"), "the list of positions").Items)
        {
            var o = Object(item, "a position");
            Known(o, "id", "party", "kind", "weight", "title", "holds", "date", "line", "sources", "note");
            var idTree = Required(o, "id");
            var id = new PositionId(Slug(Text(idTree, "id"), idTree.Location, "a position id"));
            if (!ids.Add(id))
            {
                throw Error(idTree, $"position '{id}' is defined twice");
            }

            var kindTree = Required(o, "kind");
            var kind = Text(kindTree, "kind") switch
            {
                "red-line" => PositionKind.RedLine,
                "demand" => PositionKind.Demand,
                var other => throw Error(kindTree, $"expected 'red-line' or 'demand', found '{other}'"),
            };
            var weight = 0;
            if (kind == PositionKind.Demand)
            {
                var w = Required(o, "weight");
                weight = (int)Integer(w, "weight");
                if (weight is < 1 or > 100)
                {
                    throw Error(w, $"a demand's weight must be from 1 to 100, found {weight}");
                }
            }
            else if (o["weight"] is { } w)
            {
                throw Error(w, "a red line has no weight: it is not traded; make it a demand to give it one");
            }

            var line = o["line"] is { } lineTree ? Slug(Text(lineTree, "line"), lineTree.Location, "a history line id") : id.Value;
            positions.Add(new Position(id, Party(Required(o, "party")), kind, weight, Text(Required(o, "title"), "title"),
                Condition(Required(o, "holds")), Date(Required(o, "date"), "date"), line, SourceList(Required(o, "sources")),
                o["note"] is { } note ? Text(note, "note") : null, o.Location));
        }

        var linkages = ImmutableArray.CreateBuilder<Linkage>();
        if (root["linkages"] is { } links)
        {
            foreach (var item in Array(links, "the list of linkages").Items)
            {
                var o = Object(item, "a linkage");
                Known(o, "id", "party", "title", "members", "date", "sources");
                var idTree = Required(o, "id");
                var id = new PositionId(Slug(Text(idTree, "id"), idTree.Location, "a linkage id"));
                if (!ids.Add(id))
                {
                    throw Error(idTree, $"'{id}' is already the id of a position or linkage");
                }

                var members = ImmutableArray.CreateBuilder<PositionId>();
                foreach (var m in Array(Required(o, "members"), "the linkage's members").Items)
                {
                    members.Add(new PositionId(Slug(Text(m, "members"), m.Location, "a position or linkage id")));
                }

                if (members.Count < 2)
                {
                    throw Error(Required(o, "members"), "a linkage links at least two positions or linkages");
                }

                linkages.Add(new Linkage(id, Party(Required(o, "party")), Text(Required(o, "title"), "title"), members.ToImmutable(),
                    Date(Required(o, "date"), "date"), SourceList(Required(o, "sources")), o.Location));
            }
        }

        return (positions.ToImmutable(), linkages.ToImmutable());
    }

    public Proposal ReadProposal(LocatedJson tree)
    {
        var o = Object(tree, "a proposal");
        Known(o, "id", "title", "party", "date", "values", "sources", "note");
        var values = ImmutableDictionary.CreateBuilder<IssueId, int>();
        foreach (var p in Object(Required(o, "values"), "the proposed values by issue").Members)
        {
            var issue = KnownIssue(p.Name, p.NameLocation);
            values[issue.Id] = Value(p.Value, issue.Id, issue.Domain, issue.Unit);
        }

        var idTree = Required(o, "id");
        return new Proposal(
            Slug(Text(idTree, "id"), idTree.Location, "a proposal id"),
            Text(Required(o, "title"), "title"),
            Party(Required(o, "party")),
            Date(Required(o, "date"), "date"),
            values.ToImmutable(),
            SourceList(Required(o, "sources"), definitions: true),
            o["note"] is { } n ? Text(n, "note") : null);
    }

    /// <summary>Reads a condition; every issue must be known and every value in its domain.</summary>
    public Condition Condition(LocatedJson tree)
    {
        var o = Object(tree, "a condition (an object with 'issue', 'all', 'any', 'not' or 'if')");
        if (o["issue"] is { } issueTree)
        {
            var issue = KnownIssue(Text(issueTree, "issue"), issueTree.Location);
            if (o["in"] is { } inTree)
            {
                Known(o, "issue", "in");
                var values = Array(inTree, "a list of values").Items
                    .Select(v => Value(v, issue.Id, issue.Domain, issue.Unit)).Distinct().Order().ToImmutableArray();
                if (values.Length == 0)
                {
                    throw Error(inTree, "'in' needs at least one value");
                }

                return new Membership(issue.Id, values);
            }

            Known(o, "issue", "op", "value");
            var opTree = Required(o, "op");
            var op = Text(opTree, "op") switch
            {
                "=" => CompareOp.Eq,
                "!=" => CompareOp.Ne,
                "<" => CompareOp.Lt,
                "<=" => CompareOp.Le,
                ">" => CompareOp.Gt,
                ">=" => CompareOp.Ge,
                var other => throw Error(opTree, $"expected one of = != < <= > >=, found '{other}'"),
            };
            if (issue.Domain.IsYesNo && op is not (CompareOp.Eq or CompareOp.Ne))
            {
                throw Error(opTree, $"issue '{issue.Id}' is yes/no: compare it with = or != only");
            }

            return new Compare(issue.Id, op, Value(Required(o, "value"), issue.Id, issue.Domain, issue.Unit));
        }

        if (o["all"] is { } all)
        {
            Known(o, "all");
            return new All([.. Array(all, "a list of conditions").Items.Select(Condition)]);
        }

        if (o["any"] is { } any)
        {
            Known(o, "any");
            var items = Array(any, "a list of conditions").Items;
            if (items.Length == 0)
            {
                throw Error(any, "'any' needs at least one condition");
            }

            return new Any([.. items.Select(Condition)]);
        }

        if (o["not"] is { } not)
        {
            Known(o, "not");
            return new Not(Condition(not));
        }

        if (o["if"] is { } premise)
        {
            Known(o, "if", "then");
            return new Implies(Condition(premise), Condition(Required(o, "then")));
        }

        throw Error(o, "expected a condition: an object with 'issue' (and 'op'/'value' or 'in'), 'all', 'any', 'not' or 'if'/'then'");
    }

    private Issue KnownIssue(string name, SourceLocation at)
    {
        if (_issues.TryGetValue(new IssueId(name), out var issue))
        {
            return issue;
        }

        var near = _issues.Keys.Select(k => k.Value)
            .Where(k => k.Contains(name, StringComparison.Ordinal) || name.Contains(k, StringComparison.Ordinal)).Take(3).ToList();
        throw new InputException(at, null,
            $"unknown issue '{name}'" + (near.Count > 0 ? $"; did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?" : ""));
    }

    private (IssueDomain Domain, string? Unit) Domain(LocatedJson tree)
    {
        var o = Object(tree, "a domain");
        var kindTree = Required(o, "kind");
        switch (Text(kindTree, "kind"))
        {
            case "yes-no":
                Known(o, "kind");
                return (IssueDomain.YesNo, null);
            case "levels":
            {
                Known(o, "kind", "levels");
                var levelsTree = Required(o, "levels");
                var levels = Array(levelsTree, "a list of level names").Items
                    .Select(i => Slug(Text(i, "levels"), i.Location, "a level name")).ToImmutableArray();
                if (levels.Length < 2 || levels.Distinct().Count() != levels.Length)
                {
                    throw Error(levelsTree, "a levels domain needs at least two distinct level names");
                }

                return (IssueDomain.Range(0, levels.Length - 1, 1, levels)!, null);
            }

            case "integer":
            {
                Known(o, "kind", "min", "max", "step", "unit");
                var min = Integer(Required(o, "min"), "min");
                var max = Integer(Required(o, "max"), "max");
                var step = o["step"] is { } s ? Integer(s, "step") : 1;
                if (min < -1_000_000_000 || max > 1_000_000_000)
                {
                    throw Error(o, "the bounds must lie within ±1,000,000,000");
                }

                if (step < 1)
                {
                    throw Error(Required(o, "step"), $"the step must be at least 1, found {step}");
                }

                if (max < min)
                {
                    throw Error(Required(o, "max"), $"'max' ({max}) is below 'min' ({min})");
                }

                if ((max - min) % step != 0)
                {
                    throw Error(Required(o, "max"), $"'max' − 'min' ({max - min}) is not a multiple of the step ({step})");
                }

                return (IssueDomain.Range((int)min, (int)max, (int)step, [])!, o["unit"] is { } u ? Text(u, "unit") : null);
            }

            case var other:
                throw Error(kindTree, $"expected the domain kind 'yes-no', 'levels' or 'integer', found '{other}'");
        }
    }

    private static int Value(LocatedJson tree, IssueId issue, IssueDomain domain, string? unit)
    {
        long value;
        switch (tree)
        {
            case LocatedBool b when domain.IsYesNo:
                return b.Value ? 1 : 0;
            case LocatedString s when domain.ValueOf(s.Value) is { } labelled:
                return labelled;
            case LocatedString s:
                throw Error(s, $"'{s.Value}' is not a value of issue '{issue}' (expected {domain})");
            case LocatedNumber n when n.TryGetInt64(out var whole):
                value = whole;
                break;
            default:
                throw Error(tree, $"expected a value of issue '{issue}' ({domain}), found {tree.Describe()}");
        }

        if (!domain.Contains(value))
        {
            throw Error(tree,
                $"{value.ToString(CultureInfo.InvariantCulture)}{(unit is null ? "" : " " + unit)} "
                + $"is outside the domain of issue '{issue}' ({domain})");
        }

        return (int)value;
    }

    /// <summary>
    /// Reads a list of cited sources: ids known in sources.json and, where <paramref name="definitions"/> allows (proposal files),
    /// sources the file defines in place as objects (<c>{"id", "title", "publisher", "date", "url", "kind", "reliability", "origin", "confidence"}</c>). A file's
    /// own sources belong to that file only; an id already in sources.json cannot be defined again.
    /// </summary>
    private ImmutableArray<CitedSource> SourceList(LocatedJson tree, bool definitions = false)
    {
        var list = ImmutableArray.CreateBuilder<CitedSource>();
        var local = new Dictionary<string, CitedSource>(StringComparer.Ordinal);
        foreach (var item in Array(tree, definitions ? "a list of source ids or source objects" : "a list of source ids").Items)
        {
            if (definitions && item is LocatedObject defined)
            {
                Known(defined, ["id", .. SourceFields]);
                var idTree = Required(defined, "id");
                var id = Slug(Text(idTree, "id"), idTree.Location, "a source id");
                if (_sources.ContainsKey(id) || local.ContainsKey(id))
                {
                    throw Error(idTree, $"source '{id}' is already defined{(local.ContainsKey(id) ? " in this file" : " in sources.json")}; cite it by its id");
                }

                local[id] = SourceOf(id, defined);
                list.Add(local[id]);
                continue;
            }

            var name = Text(item, "sources");
            if (!_sources.TryGetValue(name, out var source) && !local.TryGetValue(name, out source))
            {
                var near = Spelling.Nearest(name, _sources.Keys.Concat(local.Keys));
                throw Error(item, $"unknown source '{name}': add it to sources.json"
                                  + (definitions ? " or define it in this file ({\"id\": ..., \"title\", \"publisher\", \"date\", \"url\", \"kind\", \"reliability\", \"origin\", \"confidence\"})" : "")
                                  + (near is null ? "" : $"; did you mean '{near}'?"));
            }

            list.Add(source);
        }

        if (list.Count == 0)
        {
            throw Error(tree, "at least one source is required");
        }

        return list.ToImmutable();
    }

    private static PartyId Party(LocatedJson tree)
    {
        var code = Text(tree, "party");
        return PartyId.IsValidCode(code) ? new PartyId(code) : throw Error(tree, $"'{code}' is not a party code (e.g. RUS, USA, NATO)");
    }

    private static readonly string[] SourceFields = ["title", "publisher", "date", "url", "kind", "reliability", "origin", "confidence"];

    /// <summary>
    /// A source in the shape of the scenario's sources: title, publisher, date, url, kind, and the Admiralty grade as data
    /// (reliability A–F and origin), each required, plus the negotiation data's confidence, which the citation keeps.
    /// </summary>
    private static CitedSource SourceOf(string id, LocatedObject o)
    {
        var kindTree = o["kind"] ?? throw Error(o, "missing field 'kind' (official, press, analysis, dataset or reference-work)");
        var kindWord = Text(kindTree, "kind");
        if (!Data.Vocabulary.SourceKind.TryGetValue(kindWord, out var kind))
        {
            throw Error(kindTree, $"'kind': '{Clip(kindWord)}' is not a source kind; expected one of: {string.Join(", ", Data.Vocabulary.SourceKind.Keys)}");
        }

        var gradeTree = o["reliability"] ?? throw Error(o, "missing field 'reliability' (the source's Admiralty grade, A to F)");
        var grade = Text(gradeTree, "reliability");
        if (grade is not ['A' or 'B' or 'C' or 'D' or 'E' or 'F'])
        {
            throw Error(gradeTree, $"'reliability': '{Clip(grade)}' is not a grade; expected one letter of the Admiralty scale, A (completely reliable) to F (cannot be judged)");
        }

        var originTree = o["origin"] ?? throw Error(o, "missing field 'origin' (a party code, \"international\" or \"independent\")");
        var origin = Text(originTree, "origin");
        if (origin is not ("independent" or "international") && !PartyId.IsValidCode(origin))
        {
            throw Error(originTree, $"'origin': '{Clip(origin)}' is not an origin; expected a party code (e.g. RUS, USA, NATO), \"international\" or \"independent\"");
        }

        var source = new Source(
            new SourceId(id),
            Text(Required(o, "title"), "title"),
            Text(Required(o, "publisher"), "publisher"),
            Date(Required(o, "date"), "date").ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            o["url"] is { } url and not LocatedNull ? Text(url, "url") : null,
            kind)
        { Reliability = grade[0], Origin = origin };
        return new CitedSource(source, ConfidenceOf(Required(o, "confidence")));
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static Confidence ConfidenceOf(LocatedJson tree) => Text(tree, "confidence") switch
    {
        "verified" => Confidence.Verified,
        "recalled" => Confidence.Recalled,
        "uncertain" => Confidence.Uncertain,
        "disputed" => Confidence.Disputed,
        var other => throw Error(tree, $"expected verified, recalled, uncertain or disputed, found '{other}'"),
    };

    private static DateOnly Date(LocatedJson tree, string field) =>
        DateOnly.TryParseExact(Text(tree, field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Error(tree, $"'{field}': expected a date as YYYY-MM-DD, found '{Text(tree, field)}'");

    private static string Slug(string text, SourceLocation at, string what) =>
        text.Length is > 0 and <= 80
        && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.')
        && char.IsAsciiLetterOrDigit(text[0])
            ? text
            : throw new InputException(at, null, $"expected {what}: lower-case letters, digits, '-' and '.', found '{text}'");

    private static long Integer(LocatedJson tree, string field) => tree is LocatedNumber n && n.TryGetInt64(out var whole)
        ? whole
        : throw Error(tree, $"'{field}': expected a whole number, found {tree.Describe()}");

    private static string Text(LocatedJson tree, string field) => tree is LocatedString s
        ? s.Value
        : throw Error(tree, $"'{field}': expected a string, found {tree.Describe()}");

    private static LocatedObject Object(LocatedJson tree, string what) =>
        tree as LocatedObject ?? throw Error(tree, $"expected {what}, found {tree.Describe()}");

    private static LocatedArray Array(LocatedJson tree, string what) =>
        tree as LocatedArray ?? throw Error(tree, $"expected {what} (an array), found {tree.Describe()}");

    private static LocatedJson Required(LocatedObject o, string name) => o[name] ?? throw Error(o, $"missing field '{name}'");

    private static void Known(LocatedObject o, params string[] names)
    {
        foreach (var p in o.Members)
        {
            if (!names.Contains(p.Name))
            {
                throw new InputException(new Diagnostic(p.NameLocation, null,
                    $"unknown field '{p.Name}' (expected one of: {string.Join(", ", names)}){Spelling.Suggestion(p.Name, names)}")
                {
                    Expected = string.Join(", ", names),
                    Suggestion = Spelling.Nearest(p.Name, names),
                });
            }
        }
    }

    private static InputException Error(LocatedJson tree, string problem) => tree.FailHere(problem);

    /// <summary>The line and column of an offset in a string's text, for errors inside rule-language text.</summary>
    private static Func<int, (int Line, int Column)> Locator(LocatedString text) => offset =>
    {
        var at = text.Locate(offset);
        return (at.Line, at.Column);
    };
}
