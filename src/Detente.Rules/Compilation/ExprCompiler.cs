using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Checking;
using Detente.Rules.Runtime;

namespace Detente.Rules.Compilation;

/// <summary>A compiled expression: reads the environment, returns a value of the expression's checked type.</summary>
internal delegate object? Compiled(Env env);

/// <summary>
/// Turns checked expressions into closures. Values: conditions are boxed <see cref="Truth"/>, numbers, days and km are doubles,
/// dates <see cref="DateOnly"/>, parties <see cref="PartyId"/>, sets <see cref="PartySet"/>, words strings; a missing field is null.
/// </summary>
internal sealed partial class ExprCompiler(IReadOnlyDictionary<Expr, RuleType> types, IReadOnlyDictionary<string, int> slots)
{
    public Compiled Compile(Expr e) => e switch
    {
        NumberExpr n => Constant(n.Value),
        DateExpr d => Constant(d.Value),
        TextExpr t => Constant(t.Value),
        PartyExpr p => Constant(new PartyId(p.Code)),
        NameExpr n => Name(n),
        FieldExpr f => Field(f),
        SetExpr s => Set(s),
        NotExpr not => Not(not),
        CallExpr c => Call(c),
        BinaryExpr b => Binary(b),
        QuantifierExpr or ConditionalExpr => MeasureForm(e),
        _ => throw new InvalidOperationException($"cannot compile {e}"),
    };

    private static Compiled Constant(object value) => _ => value;

    private RuleType TypeOf(Expr e) => types[e];

    private Compiled Name(NameExpr n)
    {
        if (slots.TryGetValue(n.Name, out var slot))
        {
            return env => env.Slots[slot];
        }

        var type = TypeOf(n);
        if (type.Kind == TypeKind.Word && !Checker.Builtins.Contains(n.Name))
        {
            var word = n.Name;
            return _ => word;
        }

        return n.Name switch
        {
            "at" => env => env.World.At,
            "bound" => env => env.Bound,
            "parties" => env => env.Parties,
            "party" => env => env.Party,
            _ => env => env.Parameters[n.Name],
        };
    }

    private Compiled Field(FieldExpr f)
    {
        var target = Compile(f.Target);
        // The target's type is known after checking, so the field's reader is chosen once, here, not per fact.
        var reader = Accessors[$"{ClrName(TypeOf(f.Target))}.{f.Field}"];
        return env =>
        {
            var value = target(env);
            return value is null ? null : reader(value, env);
        };
    }

    private static string ClrName(RuleType t) => t.Kind switch
    {
        TypeKind.Fact => t.Detail switch
        {
            "deployment" => "Deployment",
            "activity" => "Activity",
            "membership" => "Membership",
            "notification" => "Notification",
            _ => "Observation",
        },
        TypeKind.System => "WeaponSystem",
        TypeKind.Site => "Site",
        _ => "DateOnly",
    };

    private static readonly Dictionary<string, Func<object, Env, object?>> Accessors = new(StringComparer.Ordinal)
    {
        ["Deployment.id"] = static (value, env) => { var d = (Deployment)value; return d.Id.Value; },
        ["Deployment.owner"] = static (value, env) => { var d = (Deployment)value; return Boxes.Of(d.Owner); },
        ["Deployment.host"] = static (value, env) => { var d = (Deployment)value; return Boxes.Of(d.Host); },
        ["Deployment.site"] = static (value, env) => { var d = (Deployment)value; return d.Site is { } s && env.Scenario.Sites.TryGetValue(s, out var site) ? site : null; },
        ["Deployment.system"] = static (value, env) => { var d = (Deployment)value; return d.System is { } s && env.Scenario.Systems.TryGetValue(s, out var sys) ? sys : null; },
        ["Deployment.quantity"] = static (value, env) => { var d = (Deployment)value; return d.Quantity; },
        ["Deployment.unit"] = static (value, env) => { var d = (Deployment)value; return Schema.WordOf(d.Unit); },
        ["Deployment.permanence"] = static (value, env) => { var d = (Deployment)value; return Schema.WordOf(d.Permanence); },
        ["Deployment.mission"] = static (value, env) => { var d = (Deployment)value; return Schema.WordOf(d.Mission); },
        ["Deployment.provenance"] = static (value, env) => { var d = (Deployment)value; return Schema.WordOf(d.Provenance); },
        ["Deployment.from"] = static (value, env) => { var d = (Deployment)value; return d.Period.From; },
        ["Deployment.to"] = static (value, env) => { var d = (Deployment)value; return d.Period.To; },
        ["Deployment.active"] = static (value, env) => { var d = (Deployment)value; return Truths.Box(Truths.Of(d.Period.Contains(env.World.At))); },
        ["Deployment.foreign"] = static (value, env) => { var d = (Deployment)value; return Truths.Box(Truths.Of(d.IsForeign)); },
        ["Activity.id"] = static (value, env) => { var a = (Activity)value; return a.Id.Value; },
        ["Activity.name"] = static (value, env) => { var a = (Activity)value; return a.Name; },
        ["Activity.kind"] = static (value, env) => { var a = (Activity)value; return Schema.WordOf(a.Kind); },
        ["Activity.participants"] = static (value, env) => { var a = (Activity)value; return new PartySet(a.Participants); },
        ["Activity.hosts"] = static (value, env) => { var a = (Activity)value; return new PartySet(a.Hosts); },
        ["Activity.start"] = static (value, env) => { var a = (Activity)value; return a.Period.From; },
        ["Activity.end"] = static (value, env) => { var a = (Activity)value; return a.Period.To ?? a.Period.From; },
        ["Activity.troops"] = static (value, env) => { var a = (Activity)value; return a.Troops; },
        ["Activity.active"] = static (value, env) => { var a = (Activity)value; return Truths.Box(Truths.Of(a.Period.Contains(env.World.At))); },
        ["Membership.id"] = static (value, env) => { var m = (Membership)value; return m.Id.Value; },
        ["Membership.alliance"] = static (value, env) => { var m = (Membership)value; return Boxes.Of(m.Alliance); },
        ["Membership.member"] = static (value, env) => { var m = (Membership)value; return Boxes.Of(m.Member); },
        ["Membership.from"] = static (value, env) => { var m = (Membership)value; return m.Period.From; },
        ["Membership.to"] = static (value, env) => { var m = (Membership)value; return m.Period.To; },
        ["Notification.id"] = static (value, env) => { var n = (Notification)value; return n.Id.Value; },
        ["Notification.notifier"] = static (value, env) => { var n = (Notification)value; return Boxes.Of(n.Notifier); },
        ["Notification.kind"] = static (value, env) => { var n = (Notification)value; return Schema.WordOf(n.Kind); },
        ["Notification.activity"] = static (value, env) => { var n = (Notification)value; return n.Activity?.Value; },
        ["Notification.given"] = static (value, env) => { var n = (Notification)value; return n.Given; },
        ["Notification.troops"] = static (value, env) => { var n = (Notification)value; return n.Troops; },
        ["Observation.id"] = static (value, env) => { var o = (Observation)value; return o.Id.Value; },
        ["Observation.observer"] = static (value, env) => { var o = (Observation)value; return Boxes.Of(o.Observer); },
        ["Observation.subject"] = static (value, env) => { var o = (Observation)value; return Boxes.Of(o.Subject); },
        ["Observation.hosts"] = static (value, env) => { var o = (Observation)value; return new PartySet(o.Hosts); },
        ["Observation.from"] = static (value, env) => { var o = (Observation)value; return o.Period.From; },
        ["Observation.to"] = static (value, env) => { var o = (Observation)value; return o.Period.To; },
        ["Observation.what"] = static (value, env) => { var o = (Observation)value; return o.What; },
        ["Observation.quantity"] = static (value, env) => { var o = (Observation)value; return o.Quantity; },
        ["Observation.provenance"] = static (value, env) => { var o = (Observation)value; return Schema.WordOf(o.Provenance); },
        ["WeaponSystem.id"] = static (value, env) => { var s = (WeaponSystem)value; return s.Id.Value; },
        ["WeaponSystem.category"] = static (value, env) => { var s = (WeaponSystem)value; return Schema.WordOf(s.Category); },
        ["WeaponSystem.launch"] = static (value, env) => { var s = (WeaponSystem)value; return Schema.WordOf(s.Launch); },
        ["WeaponSystem.role"] = static (value, env) => { var s = (WeaponSystem)value; return Schema.WordOf(s.Role); },
        ["WeaponSystem.nuclear"] = static (value, env) => { var s = (WeaponSystem)value; return Schema.WordOf(s.Nuclear); },
        ["WeaponSystem.range"] = static (value, env) => { var s = (WeaponSystem)value; return RangeClaims.Of(s, env.Scenario); },
        ["Site.id"] = static (value, env) => { var s = (Site)value; return s.Id.Value; },
        ["Site.kind"] = static (value, env) => { var s = (Site)value; return Schema.WordOf(s.Kind); },
        ["Site.host"] = static (value, env) => { var s = (Site)value; return s.Host; },
        ["DateOnly.year"] = static (value, env) => { var d = (DateOnly)value; return (double)d.Year; },
    };

    private Compiled Set(SetExpr s)
    {
        if (TypeOf(s).Kind == TypeKind.Word)
        {
            var words = s.Items.Select(i => ((NameExpr)i).Name).ToFrozenSetOrdinal();
            return _ => words;
        }

        var items = s.Items.Select(Compile).ToArray();
        if (s.Items.All(i => i is PartyExpr))
        {
            var constant = new PartySet(s.Items.Select(i => new PartyId(((PartyExpr)i).Code)));
            return _ => constant;
        }

        return env => new PartySet(items.Select(i => i(env)).OfType<PartyId>());
    }

    private Compiled Not(NotExpr not)
    {
        var operand = Compile(not.Operand);
        return env => Truths.Box(Truths.Not((Truth)operand(env)!));
    }

    private Compiled Call(CallExpr c)
    {
        if (c.Function is "in-force" or "parameter")
        {
            return AgreementCall(c);
        }

        var args = c.Arguments.Select(a => a is NameExpr n && c.Function == "region" ? Constant(n.Name) : Compile(a)).ToArray();
        switch (c.Function)
        {
            case "members":
            {
                var cache = new ConcurrentDictionary<(Scenario, PartyId, DateOnly), PartySet>();
                return env =>
                {
                    var alliance = (PartyId)args[0](env)!;
                    var day = args.Length > 1 ? (DateOnly)args[1](env)! : env.World.At;
                    return cache.GetOrAdd((env.Scenario, alliance, day), static k => new PartySet(
                        k.Item1.Memberships.Where(m => m.Alliance == k.Item2 && m.Period.Contains(k.Item3)).Select(m => m.Member)));
                };
            }

            case "region":
            {
                var name = (string)args[0](null!)!;
                return env => env.Geography.Region(name);
            }

            case "territory":
                return env => new TerritoryZone(AsSet(args[0](env)));
            case "controlled":
                return env => new ControlledZone(AsSet(args[0](env)));
            case "border-zone":
                return env => new BorderZoneValue(AsSet(args[0](env)), AsSet(args[1](env)), (double)args[2](env)!);
            case "distance":
                return env =>
                {
                    var fact = args[0](env);
                    if (fact is null || args[1](env) is not Zone zone)
                    {
                        return double.NaN;
                    }

                    var states = zone switch
                    {
                        TerritoryZone t => t.States,
                        ControlledZone cz => cz.States,
                        _ => PartySet.Empty,
                    };
                    if (Zone.HostsOf(fact).Any(states.Contains))
                    {
                        return 0.0;
                    }

                    if (Zone.LocationOf(fact, env.Scenario) is not { } p)
                    {
                        env.Note($"the location of {Subjects.IdOf(fact)} is not recorded, so its distance to {zone} is unknown");
                        return double.NaN;
                    }

                    return states.Set.Select(s => env.Geography.DistanceToTerritory(p, s)).Where(d => !double.IsNaN(d)).DefaultIfEmpty(double.NaN).Min();
                };
            case "year":
                return env => args[0](env) is DateOnly d ? (double)d.Year : null;
            case "share":
                return env => args[0](env) is Activity a ? Share(a, env) : null;
            case "overlaps":
                return env => Truths.Box(Truths.Of(AsSet(args[0](env)).Set.Any(AsSet(args[1](env)).Contains)));
            case "consented" when args.Length == 1:
                return env => args[0](env) is Deployment d ? Truths.Box(Consented(env.World.ConsentsFor(d).ToList(), d.Host, d.Owner, env)) : Truths.BoxedUnknown;
            case "consented":
                return env => args[0](env) is PartyId host && args[1](env) is PartyId party
                    ? Truths.Box(Consented(env.World.ConsentsFor(host, party).ToList(), host, party, env))
                    : Truths.BoxedUnknown;
            default:
                throw new InvalidOperationException($"unknown function {c.Function}");
        }
    }

    /// <summary>
    /// Whether <paramref name="host"/> consents to <paramref name="party"/>'s forces on the day, from the consent claims that hold:
    /// true when every claim says given, false when every claim says refused or withdrawn, disputed when they disagree or one
    /// is rated disputed. None recorded reads as no consent (stationing needs the host's consent), and the finding says so.
    /// </summary>
    internal static Truth Consented(List<Consent> claims, PartyId host, PartyId party, Env env)
    {
        var day = env.World.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (claims.Count == 0)
        {
            env.Note($"no consent of {host} to {party}'s forces is recorded on {day}, so none is taken as given");
            return Truth.False;
        }

        env.Consult(claims.Select(c => c.Id.Value));
        static string Describe(Consent c) =>
            $"{Schema.WordOf(c.Stance)} since {c.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            + (c.By is { } by ? $" by {by}'s account" : "") + (c.Basis is { } b ? $", {b}" : "") + $" ({c.Id})";
        var given = claims.Where(c => c.Stance == ConsentStance.Given).ToList();
        var against = claims.Where(c => c.Stance != ConsentStance.Given).ToList();
        if ((given.Count > 0 && against.Count > 0) || claims.Any(c => c.Evidence.Confidence == Confidence.Disputed))
        {
            env.Note($"{host}'s consent to {party}'s forces is disputed on {day}: {string.Join("; ", claims.Select(Describe))}");
            return Truth.Disputed;
        }

        env.Note($"{host}'s consent to {party}'s forces on {day}: {string.Join("; ", claims.Select(Describe))}");
        return given.Count > 0 ? Truth.True : Truth.False;
    }

    /// <summary>
    /// The troops of an activity on the responsible party's territory: all of them when it has one host; otherwise the figures
    /// that party declared for its part, alongside the claims about the whole activity; unknown when it declared none.
    /// </summary>
    private static Quantity? Share(Activity a, Env env)
    {
        if (a.Hosts.Length <= 1 || env.Party is not { } party)
        {
            return a.Troops;
        }

        var declared = env.World.Notifications.Where(n => n.Activity == a.Id && n.Notifier == party && n.Troops is not null).ToList();
        if (declared.Count == 0)
        {
            env.Note($"{a.Name} took place in {string.Join(", ", a.Hosts)}; no figure for the part in {party} is recorded");
            return null;
        }

        env.Consult(declared.Select(n => n.Id.Value));
        var claims = declared.SelectMany(n => n.Troops!.Claims.Select(c => c with { By = party, Note = $"declared by {party} for its territory ({n.Id})" }))
            .Concat(a.Troops?.Claims.Select(c => c with { Note = "whole activity" + (c.Note is { } t ? ": " + t : "") }) ?? []);
        return Quantity.FromClaims(claims.ToImmutableArray());
    }

    internal static PartySet AsSet(object? value) => PartySet.From(value);

    private Compiled Binary(BinaryExpr b)
    {
        var left = Compile(b.Left);
        var right = Compile(b.Right);

        // Printed once, here, for the operators whose result is traced; never for 'and' and 'or' (printing every node of a long
        // chain would cost the square of its length).
        var text = b.Op is BinaryOp.And or BinaryOp.Or or BinaryOp.Union or BinaryOp.Intersect or BinaryOp.Plus or BinaryOp.Minus ? "" : b.ToString();
        switch (b.Op)
        {
            case BinaryOp.And:
                return env =>
                {
                    var l = (Truth)left(env)!;
                    return l == Truth.False ? Truths.BoxedFalse : Truths.Box(Truths.And(l, (Truth)right(env)!));
                };
            case BinaryOp.Or:
                return env =>
                {
                    var l = (Truth)left(env)!;
                    return l == Truth.True ? Truths.BoxedTrue : Truths.Box(Truths.Or(l, (Truth)right(env)!));
                };
            case BinaryOp.Union:
                return env => AsSet(left(env)).Union(AsSet(right(env)));
            case BinaryOp.Intersect:
                return env => AsSet(left(env)).Intersect(AsSet(right(env)));
            case BinaryOp.Reaches:
                return env => Traced(env, text, Reaches(left(env), (Zone)right(env)!, env));
            case BinaryOp.In or BinaryOp.NotIn:
            {
                var negate = b.Op == BinaryOp.NotIn;
                var leftType = TypeOf(b.Left);
                Func<Env, Truth> test = leftType.Kind switch
                {
                    TypeKind.Word => env => left(env) is string w && right(env) switch
                    {
                        string single => single == w,
                        System.Collections.Frozen.FrozenSet<string> set => set.Contains(w),
                        _ => false,
                    } ? Truth.True : Truth.False,
                    TypeKind.Fact => env => left(env) is { } fact ? ((Zone)right(env)!).Contains(fact, env) : Truth.Unknown,
                    TypeKind.Party => env => left(env) is PartyId p ? Truths.Of(AsSet(right(env)).Contains(p)) : Truth.False,
                    _ => env =>
                    {
                        var set = AsSet(right(env));
                        return Truths.Of(AsSet(left(env)).Set.All(set.Contains));
                    },
                };
                return env =>
                {
                    var t = test(env);
                    return Traced(env, text, negate ? Truths.Not(t) : t);
                };
            }

            case BinaryOp.Plus or BinaryOp.Minus:
            {
                var leftType = TypeOf(b.Left);
                var sign = b.Op == BinaryOp.Plus ? 1 : -1;
                return leftType.Kind switch
                {
                    TypeKind.Party or TypeKind.Parties => env => AsSet(left(env)).Except(AsSet(right(env))),
                    TypeKind.Date => env => left(env) is DateOnly d && right(env) is double days ? d.AddDays(sign * (int)days) : null,
                    _ => env => left(env) is double x && right(env) is double y ? x + (sign * y) : null,
                };
            }

            default:
                return Comparison(b, left, right, text);
        }
    }

    private static object Traced(Env env, string text, Truth t)
    {
        env.Trace?.Add($"{text} → {Word(t)}");
        return Truths.Box(t);
    }

    internal static string Word(Truth t) => t switch
    {
        Truth.True => "yes",
        Truth.False => "no",
        Truth.Disputed => "disputed",
        _ => "unknown",
    };

    private Compiled Comparison(BinaryExpr b, Compiled left, Compiled right, string text)
    {
        var op = b.Op;
        return env =>
        {
            var l = left(env);
            var r = right(env);
            Truth t;
            if (op is BinaryOp.Equal or BinaryOp.NotEqual)
            {
                var eq = l is not null && r is not null && l.Equals(r);
                t = Truths.Of(op == BinaryOp.Equal ? eq : !eq);
            }
            else if (l is null || r is null || l is double dl && double.IsNaN(dl))
            {
                env.Note($"{b.Left} is not recorded, so '{text}' cannot be decided");
                t = Truth.Unknown;
            }
            else if (l is Quantity q)
            {
                t = CompareQuantity(q, op, (double)r, env, b.Left.ToString()!, text);
            }
            else if (l is RangeClaims rc)
            {
                t = CompareRange(rc, op, (double)r, env, text);
            }
            else
            {
                var c = ((IComparable)l).CompareTo(r);
                t = Truths.Of(Holds(c, op));
            }

            return Traced(env, text, t);
        };
    }

    private static bool Holds(int c, BinaryOp op) => op switch
    {
        BinaryOp.Less => c < 0,
        BinaryOp.LessOrEqual => c <= 0,
        BinaryOp.Greater => c > 0,
        BinaryOp.GreaterOrEqual => c >= 0,
        _ => c == 0,
    };

    /// <summary>Each claim is an interval; it satisfies the comparison when all of it does, fails when none of it does.</summary>
    internal static Truth ClaimTruth(Claim claim, BinaryOp op, double x)
    {
        var lo = claim.Min ?? double.NegativeInfinity;
        var hi = claim.Max ?? double.PositiveInfinity;
        bool all, none;
        switch (op)
        {
            case BinaryOp.Less: all = hi < x; none = lo >= x; break;
            case BinaryOp.LessOrEqual: all = hi <= x; none = lo > x; break;
            case BinaryOp.Greater: all = lo > x; none = hi <= x; break;
            case BinaryOp.GreaterOrEqual: all = lo >= x; none = hi < x; break;
            default: all = lo == x && hi == x; none = hi < x || lo > x; break;
        }

        return all ? Truth.True : none ? Truth.False : Truth.Unknown;
    }

    private static Truth CompareQuantity(Quantity q, BinaryOp op, double x, Env env, string what, string text)
    {
        var per = q.Claims.Select(c => ClaimTruth(c, op, x)).ToArray();
        var t = Truths.OverClaims(per, q.IsDisputed);
        if (t is Truth.Disputed or Truth.Unknown)
        {
            var parts = q.Claims.Select((c, i) => $"{c}{(c.Note is { } n ? $" — {n}" : "")} → {Word(per[i])}");
            env.Note($"claims for {what} against '{text}': " + string.Join("; ", parts));
        }

        return t;
    }

    private static Truth CompareRange(RangeClaims rc, BinaryOp op, double x, Env env, string text)
    {
        if (rc.Claims.Length == 0)
        {
            env.Note($"no range is recorded for {rc.System}, so '{text}' cannot be decided");
            return Truth.Unknown;
        }

        var per = rc.Claims.Select(c => Truths.Of(Holds(c.Km.CompareTo(x), op))).ToArray();
        var t = Truths.OverClaims(per, claimsDiffer: true);
        if (t == Truth.True && rc.Claims.Where((c, i) => per[i] == Truth.True).All(c => c.Contested))
        {
            t = Truth.Disputed;
        }

        if (t != Truth.False && (t != Truth.True || rc.Claims.Length > 1))
        {
            env.Note($"range of {rc.System} against '{text}': " + string.Join("; ", rc.Claims.Select((c, i) => $"{c.Label} → {Word(per[i])}")));
        }

        return t;
    }

    private static Truth Reaches(object? fact, Zone zone, Env env)
    {
        if (fact is not Deployment d || d.System is not { } sid || !env.Scenario.Systems.TryGetValue(sid, out var system))
        {
            return Truth.False;
        }

        var states = zone switch
        {
            TerritoryZone t => t.States,
            ControlledZone c => c.States,
            _ => PartySet.Empty,
        };
        var claims = RangeClaims.Of(system, env.Scenario);
        if (claims.Claims.Length == 0)
        {
            env.Note($"no range is recorded for {sid}, so what it reaches is unknown");
            return Truth.Unknown;
        }

        if (Zone.LocationOf(d, env.Scenario) is not { } origin || env.Geography.Atlas is null)
        {
            env.Note($"the location of {d.Id} is not recorded beyond its host state, so what {sid} reaches from there is unknown");
            return Truth.Unknown;
        }

        var per = new Truth[claims.Claims.Length];
        var parts = new List<string>();
        for (var i = 0; i < per.Length; i++)
        {
            var reached = env.Geography.Reach(origin, claims.Claims[i].Km).Where(states.Contains).Order().ToList();
            per[i] = Truths.Of(reached.Count > 0);
            parts.Add($"{claims.Claims[i].Label} → {(reached.Count > 0 ? "reaches " + string.Join(", ", reached) : "reaches none")}");
        }

        var result = Truths.OverClaims(per, claimsDiffer: true);
        if (result == Truth.True && claims.Claims.Where((c, i) => per[i] == Truth.True).All(c => c.Contested))
        {
            result = Truth.Disputed;
        }

        if (result != Truth.False)
        {
            env.Note($"reach of {sid} from {d.Site?.Value ?? "its location"}: " + string.Join("; ", parts));
        }

        return result;
    }
}

/// <summary>Small helpers for frozen sets of words.</summary>
internal static class FrozenWords
{
    public static System.Collections.Frozen.FrozenSet<string> ToFrozenSetOrdinal(this IEnumerable<string> words) =>
        System.Collections.Frozen.FrozenSet.ToFrozenSet(words, StringComparer.Ordinal);
}
