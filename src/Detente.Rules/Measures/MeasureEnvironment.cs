using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Checking;
using Detente.Rules.Compilation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules.Measures;

/// <summary>
/// What measures may name besides facts: the same as clauses — party codes, <c>members(...)</c>, regions, geography
/// (<c>territory</c>, <c>controlled</c>, <c>border-zone</c>, <c>distance</c>, <c>reaches</c>) — the parameters
/// declared here, each a documented value whose default may depend on the date, and, once <see cref="ReadAgreements"/> has
/// loaded them, the agreements (<c>in-force(DOC)</c>, <c>parameter(DOC, NAME)</c>). Declare parameters and read agreements
/// before compiling the measures that use them; not safe to change while measures are evaluated.
/// </summary>
public sealed class MeasureEnvironment
{
    private static Dictionary<string, RuleType> ParamTypes => AgreementCompiler.ParamTypes;

    private readonly List<(string Name, RuleType Type, Compiled Value)> _parameters = [];

    private MeasureEnvironment(RuleGeography geography, IReadOnlyCollection<string>? parties)
    {
        Geography = geography;
        Parties = parties;
    }

    /// <summary>The names of the regions measures may use with <c>region(NAME)</c>.</summary>
    public IReadOnlyCollection<string> Regions => Geography.RegionNames;

    /// <summary>The parameters declared so far, in order.</summary>
    public IReadOnlyList<string> ParameterNames => [.. _parameters.Select(p => p.Name)];

    /// <summary>The parameter types a declaration may name.</summary>
    public static IReadOnlyCollection<string> ParameterTypes => ParamTypes.Keys;

    internal RuleGeography Geography { get; }

    internal IReadOnlyCollection<string>? Parties { get; }

    /// <summary>The agreements measures may read; null until <see cref="ReadAgreements"/>.</summary>
    internal AgreementLibrary? Agreements { get; private set; }

    /// <summary>The ids of the agreements measures may read, in order; empty until <see cref="ReadAgreements"/>.</summary>
    public IReadOnlyList<string> AgreementIds => Agreements is null ? [] : [.. Agreements.All.Select(a => a.Id)];

    /// <summary>
    /// Compiles the <c>.accord</c> files of <paramref name="directory"/> (as <c>data/agreements</c>) so measures may read them
    /// with <c>in-force(DOC)</c> and <c>parameter(DOC, NAME)</c>. Throws <see cref="InputException"/> with every error of
    /// every file, located.
    /// </summary>
    public void ReadAgreements(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            Agreements = AgreementLibrary.Load(directory, Geography.RegionNames, Parties);
        }
        catch (RuleException e)
        {
            throw new InputException([.. e.Errors.Select(r => new Diagnostic(r.Location, null, r.Message))]);
        }
    }

    /// <summary>
    /// Loads country shapes and regions from <paramref name="geoDirectory"/> (as <c>data/geo</c>); when
    /// <paramref name="parties"/> is given, party codes outside it are errors with the nearest known code.
    /// </summary>
    public static MeasureEnvironment Load(string geoDirectory, IEnumerable<string>? parties = null)
    {
        ArgumentNullException.ThrowIfNull(geoDirectory);
        return new MeasureEnvironment(
            RuleGeography.Load(geoDirectory), parties is null ? null : new SortedSet<string>(parties, StringComparer.Ordinal));
    }

    /// <summary>An environment over geography already loaded; pass parties in a sorted set so suggestions are stable.</summary>
    public static MeasureEnvironment Over(RuleGeography geography, IReadOnlyCollection<string>? parties) => new(geography, parties);

    /// <summary>
    /// Declares a parameter: its name, its type (<see cref="ParameterTypes"/>) and its value, an expression that may use
    /// earlier parameters and the date (<c>at</c>). Throws <see cref="InputException"/> with the location of a bad value.
    /// </summary>
    public void DeclareParameter(string name, string type, MeasureText value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        if (!ParamTypes.TryGetValue(type, out var ruleType))
        {
            throw Measure.Located(value, new RuleException(new RuleError("", new Ast.LineColumn(1, 1),
                RuleMessages.UnknownValue("parameter type", type, ParamTypes.Keys))));
        }

        if (_parameters.Any(p => p.Name == name))
        {
            throw Measure.Located(value,
                new RuleException(new RuleError("", new Ast.LineColumn(1, 1), $"parameter '{name}' is declared twice")));
        }

        try
        {
            var expr = Parser.ParseExpression(value.Text);
            var checker = new Checker("");
            checker.Check(expr, Scope(null), ruleType);
            _parameters.Add((name, ruleType, new ExprCompiler(checker.Types, new Dictionary<string, int>()).Compile(expr)));
        }
        catch (RuleException e)
        {
            throw Measure.Located(value, e);
        }
    }

    internal CheckScope Scope(IReadOnlyDictionary<string, double>? constants)
    {
        var scope = CheckScope.Empty(Regions, Parties);
        var types = scope.Parameters;
        foreach (var p in _parameters)
        {
            types = types.SetItem(p.Name, p.Type);
        }

        foreach (var name in constants?.Keys ?? [])
        {
            types = types.SetItem(name, RuleType.Number);
        }

        return scope with { Parameters = types };
    }

    /// <summary>An evaluation environment on the world's date: each parameter evaluated in order, then the constants.</summary>
    internal Env Environment(World world, IReadOnlyDictionary<string, double>? constants)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var env = new Env(world, Geography, values);
        foreach (var (name, _, value) in _parameters)
        {
            values[name] = value(env)!;
        }

        foreach (var (name, v) in constants ?? ImmutableDictionary<string, double>.Empty)
        {
            values[name] = v;
        }

        env.Reset();
        return env;
    }
}
