using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Detente.Core;
using Detente.Rules.Checking;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules;

/// <summary>
/// The rule language from code, in the manner of serilog-expressions' <c>SerilogExpression</c>: compile text to an
/// <see cref="Agreement"/> or to located diagnostics, and evaluate an agreement (or a library of them) over a world with
/// parameters, giving <see cref="Finding"/>s. The stages behind it (parse, check, compile, evaluate) are internal.
/// </summary>
/// <remarks>
/// An engine holds the geography rules read (territories, control areas, regions) and the parties data names; it is safe to
/// share between threads. Input a person wrote (rule text, <c>--param</c> values) never throws: the <c>Try</c> methods return
/// every problem with its file, line and column. Misuse (a null argument, an agreement of another engine's library) throws
/// the standard exceptions.
/// </remarks>
public sealed partial class RuleEngine
{
    private readonly Evaluator _evaluator;

    /// <summary>Creates an engine over <paramref name="geography"/>; <paramref name="parties"/> are the party codes rule text may name (null: any well-formed code).</summary>
    public RuleEngine(RuleGeography geography, IReadOnlyCollection<string>? parties = null)
    {
        ArgumentNullException.ThrowIfNull(geography);
        Geography = geography;
        Parties = parties;
        _evaluator = new Evaluator(geography);
    }

    /// <summary>The geography the engine checks region names against and evaluates zones and distances on.</summary>
    public RuleGeography Geography { get; }

    /// <summary>The party codes rule text may name; null when any well-formed code is accepted.</summary>
    public IReadOnlyCollection<string>? Parties { get; }

    /// <summary>
    /// Compiles the text of one document. <paramref name="fileName"/> names it in diagnostics; the document's id must equal the
    /// file name without its extension (<c>ru-nato-2021-draft.accord</c> holds <c>agreement ru-nato-2021-draft</c>).
    /// </summary>
    /// <returns>True with the agreement; false with every syntax and type error, in the order of the text.</returns>
    public bool TryCompile(string text, string fileName, [NotNullWhen(true)] out Agreement? agreement, out IReadOnlyList<RuleError> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        try
        {
            agreement = AgreementLibrary.CompileText(text, Path.GetFileNameWithoutExtension(fileName), fileName, Geography.RegionNames, Parties);
            diagnostics = [];
            return true;
        }
        catch (RuleException e)
        {
            agreement = null;
            diagnostics = e.Errors;
            return false;
        }
    }

    /// <summary>Reads and compiles one <c>.accord</c> file (size-limited, UTF-8); <paramref name="displayName"/> names it in diagnostics.</summary>
    /// <returns>True with the agreement; false with every error of the file (an unreadable file is one error at line 1).</returns>
    public bool TryCompileFile(string path, string displayName, [NotNullWhen(true)] out Agreement? agreement, out IReadOnlyList<RuleError> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(displayName);
        try
        {
            agreement = AgreementLibrary.CompileFile(path, displayName, Geography.RegionNames, Parties);
            diagnostics = [];
            return true;
        }
        catch (RuleException e)
        {
            agreement = null;
            diagnostics = e.Errors;
            return false;
        }
    }

    /// <summary>Compiles every <c>.accord</c> file of a directory (a directory named <c>x.accord</c> is an error, never skipped).</summary>
    /// <returns>True with the library; false with every error of every file.</returns>
    public bool TryLoad(string directory, [NotNullWhen(true)] out AgreementLibrary? library, out IReadOnlyList<RuleError> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            library = AgreementLibrary.Load(directory, Geography.RegionNames, Parties);
            diagnostics = [];
            return true;
        }
        catch (RuleException e)
        {
            library = null;
            diagnostics = e.Errors;
            return false;
        }
    }

    /// <summary>
    /// Reads parameter settings <c>NAME=VALUE</c> for <paramref name="agreement"/>: VALUE is a rule expression of the parameter's
    /// type (<c>zone-width-km=50km</c>). A name that is a parameter of another document of <paramref name="library"/> is
    /// skipped, so one list can serve several documents.
    /// </summary>
    /// <returns>True with the settings; false with the first problem, located in the setting's text.</returns>
    public bool TryParseParameters(Agreement agreement, IEnumerable<string> settings, AgreementLibrary? library,
        [NotNullWhen(true)] out AgreementParameters? parameters, out IReadOnlyList<RuleError> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(settings);
        var result = new Dictionary<string, Compiled>(StringComparer.Ordinal);
        parameters = null;
        foreach (var text in settings)
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                diagnostics = [new RuleError("--param", new Ast.LineColumn(1, 1), $"expected NAME=VALUE, found '{text}'")];
                return false;
            }

            var name = text[..eq].Trim();
            var param = agreement.Params.FirstOrDefault(p => p.Name == name);
            if (param is null)
            {
                if (library is not null && library.All.Any(a => a.Params.Any(p => p.Name == name)))
                {
                    continue;
                }

                diagnostics = [new RuleError("--param", new Ast.LineColumn(1, 1),
                    RuleMessages.Unknown($"parameter of {agreement.Id}", name, agreement.Params.Select(p => p.Name)))];
                return false;
            }

            try
            {
                var file = "--param " + name;
                var expr = Parser.ParseExpression(text[(eq + 1)..], file);
                var checker = new Checker(file);
                checker.Check(expr, CheckScope.Empty(Geography.RegionNames, Parties), param.Type);
                result[name] = new ExprCompiler(checker.Types, new Dictionary<string, int>()).Compile(expr);
            }
            catch (RuleException e)
            {
                diagnostics = e.Errors;
                return false;
            }
        }

        parameters = new AgreementParameters(result);
        diagnostics = [];
        return true;
    }

    /// <summary>
    /// Every finding of every clause of <paramref name="agreement"/> on the world's date, in document order. A document not in
    /// force on the date (a draft, a proposal) gives hypothetical findings; before its own date it gives none.
    /// </summary>
    public IReadOnlyList<Finding> Evaluate(Agreement agreement, World world, AgreementParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(world);
        return _evaluator.Evaluate(agreement, world, parameters?.Values);
    }

    /// <summary>The findings of every agreement of <paramref name="library"/>, in id order; each document reads the settings that are its own.</summary>
    public IReadOnlyList<Finding> Evaluate(AgreementLibrary library, World world, AgreementParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        return [.. library.All.SelectMany(a => Evaluate(a, world, parameters))];
    }

    /// <summary>
    /// Evaluates <paramref name="agreement"/> over <paramref name="world"/> and keeps its findings up to date as facts are added
    /// (<see cref="IncrementalEvaluation.Add"/>), evaluating again only what each fact can change.
    /// </summary>
    public IncrementalEvaluation EvaluateIncrementally(Agreement agreement, World world, AgreementParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(world);
        return new IncrementalEvaluation(agreement, new IncrementalChecker(_evaluator, agreement, world, parameters?.Values), world.At);
    }

    /// <summary>Where <paramref name="agreement"/> stands on <paramref name="day"/>, which decides whether its findings are plain, hypothetical or none.</summary>
    public static DocumentStanding Standing(Agreement agreement, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return Evaluator.Standing(agreement, day);
    }

    /// <summary>The parties <paramref name="clause"/> binds on the world's date, in code order.</summary>
    /// <exception cref="ArgumentException">The clause is not one of <paramref name="agreement"/>'s.</exception>
    public IReadOnlyList<PartyId> Bound(Agreement agreement, ClauseId clause, World world, AgreementParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(world);
        var compiled = (clause.Agreement == agreement.AgreementId ? agreement.Clause(clause.Number) : null)
            ?? throw new ArgumentException($"{clause} is not a clause of {agreement.Id}", nameof(clause));
        return [.. compiled.BoundIn(agreement.Environment(world, Geography, parameters?.Values)).Sorted];
    }

    /// <summary>
    /// The values of <paramref name="agreement"/>'s parameters on the world's date (their defaults, or the settings given), by
    /// name: a number (<see cref="double"/>), a truth, a date, a party or a set of parties as the rule language computes them.
    /// </summary>
    public IReadOnlyDictionary<string, object?> ParameterValues(Agreement agreement, World world, AgreementParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(world);
        var env = agreement.Environment(world, Geography, parameters?.Values);
        return env.Parameters.ToImmutableSortedDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The clauses of <paramref name="agreement"/> whose condition names <paramref name="parameter"/>, in document order.</summary>
    public static IReadOnlyList<ClauseId> ClausesUsing(Agreement agreement, string parameter)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(parameter);
        return [.. agreement.Clauses
            .Where(c => c.Syntax.Where is { } where && Mentions(where, parameter))
            .Select(c => new ClauseId(agreement.AgreementId, c.Id))];
    }

    private static bool Mentions(Ast.Expr root, string name)
    {
        var pending = new Stack<Ast.Expr>([root]);
        while (pending.TryPop(out var e))
        {
            if (e is Ast.NameExpr n && n.Name == name)
            {
                return true;
            }

            foreach (var child in RuleLimits.Children(e))
            {
                pending.Push(child);
            }
        }

        return false;
    }
}

/// <summary>Parameter settings for one agreement, read by <see cref="RuleEngine.TryParseParameters"/>.</summary>
public sealed class AgreementParameters
{
    internal AgreementParameters(IReadOnlyDictionary<string, Compiled> values)
    {
        Values = values;
    }

    /// <summary>No settings: every parameter takes its default.</summary>
    public static AgreementParameters None { get; } = new(new Dictionary<string, Compiled>());

    /// <summary>The names of the parameters set.</summary>
    public IReadOnlyCollection<string> Names => [.. Values.Keys];

    internal IReadOnlyDictionary<string, Compiled> Values { get; }
}
