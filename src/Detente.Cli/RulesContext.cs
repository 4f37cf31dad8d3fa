using System.CommandLine;
using Detente.Core;
using Detente.Rules;
using Detente.Rules.Checking;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Cli;

/// <summary>What the agreement verbs share: the compiled agreements, geography, the evaluator and <c>--param</c> overrides.</summary>
internal sealed class RulesContext
{
    private RulesContext(Session session, AgreementLibrary library, Evaluator evaluator)
    {
        Session = session;
        Library = library;
        Evaluator = evaluator;
    }

    public static Option<string?> AgreementsOption { get; } = new("--agreements")
    {
        Description = "Directory of .accord files (default: the shipped data/agreements).",
        Recursive = true,
    };

    public static Option<string[]> ParamOption { get; } = new("--param")
    {
        Description = "Set a document parameter: NAME=VALUE (a rule expression, e.g. zone-width-km=50km). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Session Session { get; }

    public AgreementLibrary Library { get; }

    public Evaluator Evaluator { get; }

    public static string AgreementsDirectory(string? option) => option ?? Path.Combine(Paths.DataDirectory(), "agreements");

    public static RulesContext Open(Session session, string? agreementsDirectory)
    {
        var geography = RuleGeography.Load(session.Manifest.GeoDirectory);
        try
        {
            var library = AgreementLibrary.Load(AgreementsDirectory(agreementsDirectory), geography.RegionNames,
                session.Scenario.Parties.Keys.Select(p => p.Code).ToHashSet());
            return new RulesContext(session, library, new Evaluator(geography));
        }
        catch (RuleException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public Agreement Agreement(string id) =>
        Library.Find(id) ?? throw new UsageException(RuleMessages.Unknown("agreement", id, Library.All.Select(a => a.Id)));

    /// <summary>Parses <c>--param NAME=VALUE</c> against the document's parameters, with their types.</summary>
    public Dictionary<string, Compiled> Overrides(Agreement agreement, IEnumerable<string> values)
    {
        var result = new Dictionary<string, Compiled>(StringComparer.Ordinal);
        foreach (var text in values)
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--param: expected NAME=VALUE, found '{text}'");
            }

            var name = text[..eq].Trim();
            var param = agreement.Params.FirstOrDefault(p => p.Name == name);
            if (param is null)
            {
                // A parameter of another document is not an error when checking several documents at once.
                if (Library.All.Any(a => a.Params.Any(p => p.Name == name)))
                {
                    continue;
                }

                throw new UsageException("--param: " + RuleMessages.Unknown($"parameter of {agreement.Id}", name, agreement.Params.Select(p => p.Name)));
            }

            try
            {
                var expr = Parser.ParseExpression(text[(eq + 1)..], "--param " + name);
                var checker = new Checker("--param " + name);
                checker.Check(expr, CheckScope.Empty(Evaluator.Geography.RegionNames, Session.Scenario.Parties.Keys.Select(p => p.Code).ToHashSet()), param.Type);
                result[name] = new ExprCompiler(checker.Types, new Dictionary<string, int>()).Compile(expr);
            }
            catch (RuleException e)
            {
                throw new UsageException(e.Message);
            }
        }

        return result;
    }

    public List<Finding> Evaluate(Agreement agreement, World world, IEnumerable<string> parameters) =>
        Evaluator.Evaluate(agreement, world, Overrides(agreement, parameters));

    /// <summary>
    /// The parties each clause no machine can check binds on the world's date, by clause id (<c>agreement/article</c>): the
    /// evaluator reports such a clause once, for party <c>*</c>; views use this to show every bound party as bound but not
    /// checkable rather than as not a party.
    /// </summary>
    public Dictionary<string, IReadOnlyList<string>> UncheckableBound(Agreement agreement, World world, IEnumerable<string> parameters)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var clauses = agreement.Clauses.Where(c => !c.Checkable).ToList();
        if (clauses.Count == 0)
        {
            return result;
        }

        var env = Evaluator.Environment(agreement, world, Overrides(agreement, parameters));
        foreach (var clause in clauses)
        {
            var bound = clause.Binds is null ? env.Parties : ExprCompiler.AsSet(clause.Binds(env));
            result[$"{agreement.Id}/{clause.Id}"] = [.. bound.Sorted.Select(p => p.Code)];
        }

        return result;
    }
}
