namespace Detente.Rules.Runtime;

/// <summary>
/// The four-valued result of a condition: true, false, disputed (the sources' claims fall on both sides) or unknown (data missing).
/// </summary>
internal enum Truth
{
    False,
    Unknown,
    Disputed,
    True,
}

/// <summary>Connectives over <see cref="Truth"/>: false dominates 'and', true dominates 'or'; missing data dominates a dispute.</summary>
internal static class Truths
{
    public static readonly object BoxedTrue = Truth.True;
    public static readonly object BoxedFalse = Truth.False;
    public static readonly object BoxedUnknown = Truth.Unknown;
    public static readonly object BoxedDisputed = Truth.Disputed;

    public static object Box(Truth t) => t switch
    {
        Truth.True => BoxedTrue,
        Truth.False => BoxedFalse,
        Truth.Disputed => BoxedDisputed,
        _ => BoxedUnknown,
    };

    public static Truth Of(bool b) => b ? Truth.True : Truth.False;

    public static Truth And(Truth a, Truth b) =>
        a == Truth.False || b == Truth.False ? Truth.False
        : a == Truth.Unknown || b == Truth.Unknown ? Truth.Unknown
        : a == Truth.Disputed || b == Truth.Disputed ? Truth.Disputed
        : Truth.True;

    public static Truth Or(Truth a, Truth b) =>
        a == Truth.True || b == Truth.True ? Truth.True
        : a == Truth.Disputed || b == Truth.Disputed ? Truth.Disputed
        : a == Truth.Unknown || b == Truth.Unknown ? Truth.Unknown
        : Truth.False;

    public static Truth Not(Truth a) => a switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => a };

    /// <summary>Combines the verdicts of several claims about one figure.</summary>
    public static Truth OverClaims(IEnumerable<Truth> perClaim, bool claimsDiffer)
    {
        bool anyTrue = false, anyFalse = false, anyOther = false;
        foreach (var t in perClaim)
        {
            anyTrue |= t == Truth.True;
            anyFalse |= t == Truth.False;
            anyOther |= t is Truth.Unknown or Truth.Disputed;
        }

        if (anyTrue && !anyFalse && !anyOther)
        {
            return Truth.True;
        }

        if (anyFalse && !anyTrue && !anyOther)
        {
            return Truth.False;
        }

        return claimsDiffer && (anyTrue || anyFalse) ? Truth.Disputed : Truth.Unknown;
    }
}
