using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Checking;
using Detente.Rules.Compilation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules.Measures;

/// <summary>What a measure computes: a condition (yes/no) or a number.</summary>
public enum MeasureKind
{
    /// <summary>A condition: yes is 1, no is 0.</summary>
    YesNo,

    /// <summary>A number: a count, a sum, a level chosen with if/then/else, or arithmetic on these.</summary>
    Number,
}

/// <summary>
/// A standalone expression of the rule language, parsed, type-checked and compiled, that measures the world at a date:
/// e.g. <c>UKR in members(NATO)</c> or <c>count deployments d where d.owner = USA and d.host in members(NATO)
/// - members(NATO, 1997-05-27)</c>. Measures may use everything clauses may, plus the quantifiers <c>exists</c>,
/// <c>count</c> and <c>sum ... over</c> and conditional values <c>if ... then ... else</c> (docs/rule-language.md).
/// Immutable once compiled; <see cref="Evaluate"/> is safe to call from several threads.
/// </summary>
public sealed class Measure
{
    /// <summary>How many fact variables one measure may use (the evaluation environment has that many slots).</summary>
    public const int MaxVariables = 4;

    private readonly Compiled _compiled;
    private readonly MeasureEnvironment _environment;
    private readonly IReadOnlyDictionary<string, double>? _constants;

    private Measure(MeasureText text, MeasureKind kind, Compiled compiled, MeasureEnvironment environment,
        IReadOnlyDictionary<string, double>? constants, ImmutableArray<string> reads)
    {
        Text = text.Text;
        Kind = kind;
        _compiled = compiled;
        _environment = environment;
        _constants = constants;
        Reads = reads;
    }

    /// <summary>The measure's text.</summary>
    public string Text { get; }

    /// <summary>A condition or a number.</summary>
    public MeasureKind Kind { get; }

    /// <summary>The kinds of fact the measure ranges over (deployments, activities, ...), for incremental re-evaluation.</summary>
    public ImmutableArray<string> Reads { get; }

    /// <summary>
    /// Parses, checks and compiles <paramref name="text"/>. <paramref name="names"/> gives named numbers the measure may use,
    /// e.g. an issue's level labels (<c>none</c> = 0, <c>rotational</c> = 1); numbers a measure can result in (the branches of
    /// <c>if</c>) must lie within <paramref name="min"/>..<paramref name="max"/> when given. Throws
    /// <see cref="InputException"/> with every problem located in the text's file.
    /// </summary>
    public static Measure Compile(MeasureText text, MeasureKind kind, MeasureEnvironment environment,
        IReadOnlyDictionary<string, double>? names = null, double? min = null, double? max = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            var expr = Parser.ParseExpression(text.Text);
            foreach (var name in names?.Keys ?? [])
            {
                if (environment.ParameterNames.Contains(name))
                {
                    throw new RuleException(new RuleError("", expr.Position,
                        $"the level '{name}' has the name of a parameter; rename one"));
                }
            }

            var checker = new Checker("") { AllowsMeasureForms = true, Agreements = environment.Agreements?.All };
            var found = checker.Check(expr, environment.Scope(names));
            var wanted = kind == MeasureKind.YesNo ? "a condition (a yes/no issue)" : "a number (a count, a sum or a level)";
            // A distance counts in km and a duration in days, the units issues give such domains.
            var fits = kind == MeasureKind.YesNo
                ? found.Kind == TypeKind.Truth
                : found.Kind is TypeKind.Number or TypeKind.Quantity or TypeKind.Km or TypeKind.Days;
            if (!fits)
            {
                throw new RuleException(new RuleError("", Checker.Start(expr), Checker.ResultMismatch(expr, wanted, found)));
            }

            if (kind == MeasureKind.Number)
            {
                CheckBounds(expr, names, min, max);
            }

            var slots = new Dictionary<string, int>(StringComparer.Ordinal);
            var reads = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var q in Checker.Quantifiers(expr))
            {
                reads.Add(q.Over.ToString().ToLowerInvariant());
                if (!slots.ContainsKey(q.Variable))
                {
                    if (slots.Count == MaxVariables)
                    {
                        throw new RuleException(new RuleError("", q.Position,
                            $"a measure names at most {MaxVariables} kinds of fact variables"));
                    }

                    slots[q.Variable] = slots.Count;
                }
            }

            var compiled = new ExprCompiler(checker.Types, slots) { AgreementCalls = checker.AgreementCalls }.Compile(expr);
            return new Measure(text, kind, compiled, environment, names, [.. reads]);
        }
        catch (RuleException e)
        {
            throw Located(text, e);
        }
    }

    /// <summary>Measures the world at its date.</summary>
    public MeasureResult Evaluate(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var env = _environment.Environment(world, _constants);
        var value = _compiled(env);
        var notes = env.Notes.ToImmutableArray();
        var facts = env.Consulted.Order(StringComparer.Ordinal).ToImmutableArray();
        MeasureResult Result(MeasureOutcome outcome, double? v, IEnumerable<double> candidates) =>
            new(outcome, v, [.. candidates.Distinct().Order()], notes, facts);

        switch (value)
        {
            case Truth t:
                return t switch
                {
                    Truth.True => Result(MeasureOutcome.Determined, 1, []),
                    Truth.False => Result(MeasureOutcome.Determined, 0, []),
                    Truth.Disputed => Result(MeasureOutcome.Disputed, null, [0, 1]),
                    _ => Result(MeasureOutcome.Undetermined, null, [0, 1]),
                };
            case double d when !double.IsNaN(d):
                return Result(MeasureOutcome.Determined, d, []);
            case Quantity q when q.Exact is { } x:
                return Result(MeasureOutcome.Determined, x, []);
            case Quantity q:
                var bounds = q.Claims.SelectMany(c => new[] { c.Min, c.Max }).OfType<double>();
                var outcome = q.IsDisputed && q.Claims.All(c => c.IsExact) ? MeasureOutcome.Disputed : MeasureOutcome.Undetermined;
                return Result(outcome, null, bounds);
            default:
                return Result(MeasureOutcome.Undetermined, null, []);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Moves each error's position from the text to its file.</summary>
    internal static InputException Located(MeasureText text, RuleException e) =>
        new([.. e.Errors.Select(r =>
        {
            var (line, column) = text.Locate(text.OffsetOf(r.Position.Line, r.Position.Column));
            return new Diagnostic(new SourceLocation(text.File, line, column), null, r.Message);
        })]);

    /// <summary>Every number the measure can result in — a literal at the end of a branch — lies in the bounds.</summary>
    private static void CheckBounds(Expr e, IReadOnlyDictionary<string, double>? names, double? min, double? max)
    {
        switch (e)
        {
            case ConditionalExpr c:
                CheckBounds(c.Then, names, min, max);
                CheckBounds(c.Else, names, min, max);
                break;
            case NumberExpr n when n.Value < min || n.Value > max:
                throw new RuleException(new RuleError("", n.Position,
                    $"the value {n} is outside the issue's domain "
                        + $"{NumberExpr.Format(min ?? double.NegativeInfinity)}..{NumberExpr.Format(max ?? double.PositiveInfinity)}"));
        }
    }
}
