using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Parsing;

namespace Detente.Rules.Checking;

/// <summary>What names an expression may use: fact variables, parameters, regions and party codes.</summary>
internal sealed record CheckScope(
    ImmutableDictionary<string, FactKind> Variables,
    ImmutableDictionary<string, RuleType> Parameters,
    IReadOnlyCollection<string> Regions,
    IReadOnlyCollection<string>? Parties)
{
    public static CheckScope Empty(IReadOnlyCollection<string> regions, IReadOnlyCollection<string>? parties = null) =>
        new(ImmutableDictionary<string, FactKind>.Empty, ImmutableDictionary<string, RuleType>.Empty, regions, parties);

    public CheckScope With(string variable, FactKind kind) => this with { Variables = Variables.SetItem(variable, kind) };
}

/// <summary>
/// Gives every expression its type and rejects what has none: unknown names and fields (with the nearest known one),
/// words outside their family, and operators applied to the wrong types. The types are kept for the compiler.
/// </summary>
internal sealed partial class Checker(string file)
{
    public static readonly string[] Builtins = ["at", "bound", "parties", "party"];

    public static readonly string[] Functions =
        ["members", "region", "territory", "controlled", "border-zone", "distance", "year", "overlaps", "share", "in-force", "parameter", "consented"];

    public Dictionary<Expr, RuleType> Types { get; } = new(ReferenceEqualityComparer.Instance);

    public RuleType Check(Expr e, CheckScope scope, RuleType? expected = null)
    {
        var t = Infer(e, scope, expected);
        if (expected is not null && !Fits(t, expected))
        {
            throw new RuleException(new RuleError(file, Start(e), RuleMessages.TypeMismatch($"'{e}'", expected.ToString(), t.ToString())));
        }

        Types[e] = t;
        return t;
    }

    private static bool Fits(RuleType actual, RuleType expected) =>
        actual == expected
        || (expected.Kind == TypeKind.Parties && actual.Kind == TypeKind.Party)
        || (expected.Kind == TypeKind.Number && actual.Kind == TypeKind.Quantity)
        || (expected.Kind == TypeKind.Word && actual.Kind == TypeKind.Word && expected.Detail is null);

    private RuleType Infer(Expr e, CheckScope scope, RuleType? expected)
    {
        switch (e)
        {
            case NumberExpr n:
                return n.Unit switch { NumberUnit.Days => RuleType.Days, NumberUnit.Km => RuleType.Km, _ => RuleType.Number };
            case DateExpr:
                return RuleType.Date;
            case TextExpr:
                return RuleType.Text;
            case PartyExpr p:
                if (scope.Parties is { } known && !known.Contains(p.Code))
                {
                    throw Error(e, RuleMessages.Unknown("party", p.Code, known));
                }

                return RuleType.Party;
            case NameExpr name:
                if (scope.Variables.TryGetValue(name.Name, out var kind))
                {
                    return RuleType.Fact(kind);
                }

                if (scope.Parameters.TryGetValue(name.Name, out var paramType))
                {
                    return paramType;
                }

                switch (name.Name)
                {
                    case "at":
                        return RuleType.Date;
                    case "bound":
                    case "parties":
                        return RuleType.Parties;
                    case "party":
                        return RuleType.Party;
                }

                if (expected is { Kind: TypeKind.Word, Detail: { } family } && Schema.Words[family].Contains(name.Name))
                {
                    return expected;
                }

                if (expected is { Kind: TypeKind.Word, Detail: { } fam })
                {
                    throw Error(e, RuleMessages.UnknownValue(fam, name.Name, Schema.Words[fam]));
                }

                throw Error(e, RuleMessages.Unknown("name", name.Name,
                    scope.Variables.Keys.Concat(scope.Parameters.Keys).Concat(Builtins)));
            case FieldExpr f:
                var target = Check(f.Target, scope);
                var fields = Schema.FieldsOf(target)
                    ?? throw Error(e, $"'{f.Target}' is {target} and has no fields");
                return fields.TryGetValue(f.Field, out var ft)
                    ? ft
                    : throw Error(e, RuleMessages.UnknownField(target.ToString(), f.Target.ToString(), f.Field, fields.Keys));
            case SetExpr s:
                var itemType = expected is { Kind: TypeKind.Word } ? expected : null;
                RuleType? first = null;
                foreach (var item in s.Items)
                {
                    var it = Check(item, scope, itemType ?? (first?.Kind == TypeKind.Word ? first : null));
                    if (it.Kind == TypeKind.Parties)
                    {
                        throw Error(item, "a set literal holds single parties or words; join sets with '|'");
                    }

                    first ??= it;
                }

                return first is { Kind: TypeKind.Word } ? first with { } : RuleType.Parties;
            case NotExpr not:
                Check(not.Operand, scope, RuleType.Truth);
                return RuleType.Truth;
            case CallExpr call:
                return CheckCall(call, scope);
            case BinaryExpr b:
                return CheckBinary(b, scope);
            case QuantifierExpr or ConditionalExpr:
                return CheckMeasureForm(e, scope, expected);
            default:
                throw Error(e, $"cannot check '{e}'");
        }
    }

    private RuleType CheckBinary(BinaryExpr b, CheckScope scope)
    {
        switch (b.Op)
        {
            case BinaryOp.And or BinaryOp.Or:
                Check(b.Left, scope, RuleType.Truth);
                Check(b.Right, scope, RuleType.Truth);
                return RuleType.Truth;
            case BinaryOp.Union or BinaryOp.Intersect:
                Check(b.Left, scope, RuleType.Parties);
                Check(b.Right, scope, RuleType.Parties);
                return RuleType.Parties;
            case BinaryOp.Reaches:
                Check(b.Left, scope, RuleType.Fact(FactKind.Deployment));
                Check(b.Right, scope, RuleType.Zone);
                return RuleType.Truth;
            case BinaryOp.In or BinaryOp.NotIn:
            {
                var left = Check(b.Left, scope);
                if (left.Kind == TypeKind.Word)
                {
                    var right = Check(b.Right, scope, left);
                    return right.Kind == TypeKind.Word ? RuleType.Truth : throw Error(b.Right, RuleMessages.TypeMismatch("'in'", $"a set of {left.Detail} words", right.ToString()));
                }

                if (left.Kind == TypeKind.Fact)
                {
                    Check(b.Right, scope, RuleType.Zone);
                    return RuleType.Truth;
                }

                if (left.Kind is not (TypeKind.Party or TypeKind.Parties))
                {
                    throw Error(b.Left, RuleMessages.TypeMismatch("left of 'in'", "a party, a set of parties, a word or a fact", left.ToString()));
                }

                Check(b.Right, scope, RuleType.Parties);
                return RuleType.Truth;
            }

            case BinaryOp.Plus or BinaryOp.Minus:
            {
                var left = Check(b.Left, scope);
                if (left.Kind is TypeKind.Parties or TypeKind.Party && b.Op == BinaryOp.Minus)
                {
                    Check(b.Right, scope, RuleType.Parties);
                    return RuleType.Parties;
                }

                if (left.Kind == TypeKind.Date)
                {
                    Check(b.Right, scope, RuleType.Days);
                    return RuleType.Date;
                }

                if (left.Kind == TypeKind.Number)
                {
                    Check(b.Right, scope, RuleType.Number);
                    return RuleType.Number;
                }

                if (left.Kind is TypeKind.Km or TypeKind.Days)
                {
                    Check(b.Right, scope, left);
                    return left;
                }

                throw Error(b, RuleMessages.TypeMismatch($"'{BinaryExpr.Symbol(b.Op)}'", "a date, number, distance or set of parties", left.ToString()));
            }

            default:
            {
                var left = Check(b.Left, scope);
                var expectRight = left.Kind switch
                {
                    TypeKind.Quantity => RuleType.Number,
                    TypeKind.Word => left,
                    _ => left,
                };
                if (b.Op is not (BinaryOp.Equal or BinaryOp.NotEqual) && left.Kind is not (TypeKind.Number or TypeKind.Quantity or TypeKind.Date
                        or TypeKind.Days or TypeKind.Km))
                {
                    throw Error(b, RuleMessages.TypeMismatch($"'{BinaryExpr.Symbol(b.Op)}'", "numbers, quantities, dates or distances", left.ToString()));
                }

                if (left.Kind is TypeKind.Zone or TypeKind.Fact or TypeKind.Truth)
                {
                    throw Error(b, RuleMessages.TypeMismatch($"'{BinaryExpr.Symbol(b.Op)}'", "values that can be compared", left.ToString()));
                }

                if (left.Kind == TypeKind.Quantity)
                {
                    var rt = Check(b.Right, scope);
                    return rt.Kind is TypeKind.Number or TypeKind.Km
                        ? RuleType.Truth
                        : throw Error(b.Right, RuleMessages.TypeMismatch($"'{b.Right}'", "a number or a distance", rt.ToString()));
                }

                Check(b.Right, scope, expectRight);
                return RuleType.Truth;
            }
        }
    }

    private RuleType CheckCall(CallExpr call, CheckScope scope)
    {
        void Arity(int min, int max)
        {
            if (call.Arguments.Length < min || call.Arguments.Length > max)
            {
                throw Error(call, $"'{call.Function}' takes {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{min} or {max}")} argument(s), found {call.Arguments.Length}");
            }
        }

        switch (call.Function)
        {
            case "members":
                Arity(1, 2);
                Check(call.Arguments[0], scope, RuleType.Party);
                if (call.Arguments.Length == 2)
                {
                    Check(call.Arguments[1], scope, RuleType.Date);
                }

                return RuleType.Parties;
            case "region":
                Arity(1, 1);
                if (call.Arguments[0] is not NameExpr region)
                {
                    throw Error(call.Arguments[0], RuleMessages.TypeMismatch("region(...)", "a region name such as europe", call.Arguments[0].ToString()!));
                }

                if (!scope.Regions.Contains(region.Name))
                {
                    throw Error(region, RuleMessages.Unknown("region", region.Name, scope.Regions));
                }

                Types[region] = RuleType.Text;
                return RuleType.Parties;
            case "territory" or "controlled":
                Arity(1, 1);
                Check(call.Arguments[0], scope, RuleType.Parties);
                return RuleType.Zone;
            case "border-zone":
                Arity(3, 3);
                Check(call.Arguments[0], scope, RuleType.Parties);
                Check(call.Arguments[1], scope, RuleType.Parties);
                Check(call.Arguments[2], scope, RuleType.Km);
                return RuleType.Zone;
            case "distance":
                Arity(2, 2);
                var t = Check(call.Arguments[0], scope);
                if (t.Kind != TypeKind.Fact)
                {
                    throw Error(call.Arguments[0], RuleMessages.TypeMismatch("distance(...)", "a fact", t.ToString()));
                }

                Check(call.Arguments[1], scope, RuleType.Zone);
                return RuleType.Km;
            case "year":
                Arity(1, 1);
                Check(call.Arguments[0], scope, RuleType.Date);
                return RuleType.Number;
            case "share":
                Arity(1, 1);
                Check(call.Arguments[0], scope, RuleType.Fact(FactKind.Activity));
                return RuleType.Quantity;
            case "in-force" or "parameter":
                return CheckAgreementCall(call);
            case "overlaps":
                Arity(2, 2);
                Check(call.Arguments[0], scope, RuleType.Parties);
                Check(call.Arguments[1], scope, RuleType.Parties);
                return RuleType.Truth;
            case "consented":
                // consented(d) for a deployment's own host and owner; consented(host, party) for any pair.
                Arity(1, 2);
                if (call.Arguments.Length == 1)
                {
                    Check(call.Arguments[0], scope, RuleType.Fact(FactKind.Deployment));
                }
                else
                {
                    Check(call.Arguments[0], scope, RuleType.Party);
                    Check(call.Arguments[1], scope, RuleType.Party);
                }

                return RuleType.Truth;
            default:
                throw Error(call, RuleMessages.Unknown("function", call.Function, Functions));
        }
    }

    /// <summary>Where an expression's text begins (a field access is recorded at its '.', an operator at its symbol).</summary>
    internal static LineColumn Start(Expr e) => e switch
    {
        FieldExpr f => Start(f.Target),
        BinaryExpr b => Start(b.Left),
        _ => e.Position,
    };

    private RuleException Error(Expr e, string message) => new(new RuleError(file, e.Position, message));
}
