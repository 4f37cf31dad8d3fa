using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>One claim of a system's range: the figure (a claim's stated maximum, the capability), who says it, and how it applies.</summary>
/// <param name="Km">The figure in km.</param>
/// <param name="Label">How the claim reads in an explanation, e.g. "9m729 480 km (RUS)" or "9m728 ≥501 km".</param>
/// <param name="Contested">True when the claim applies only through a disputed firing capability (e.g. Mk 41 firing Tomahawk).</param>
internal sealed record RangeClaim(double Km, string Label, bool Contested);

/// <summary>The range claims of a system, including those of the systems its launchers can fire.</summary>
internal sealed record RangeClaims(string System, ImmutableArray<RangeClaim> Claims)
{
    public static RangeClaims Of(WeaponSystem system, Scenario scenario)
    {
        var claims = ImmutableArray.CreateBuilder<RangeClaim>();
        Add(system, contested: false);
        foreach (var fire in system.Fires)
        {
            if (scenario.Systems.TryGetValue(fire.System, out var fired))
            {
                Add(fired, fire.Evidence.Confidence is Confidence.Disputed or Confidence.Uncertain);
            }
        }

        return new RangeClaims(system.Id.Value, claims.ToImmutable());

        void Add(WeaponSystem s, bool contested)
        {
            if (s.RangeKm is not { } q)
            {
                return;
            }

            foreach (var c in q.Claims)
            {
                if ((c.Max ?? c.Min) is { } km)
                {
                    var via = s.Id == system.Id ? "" : $"{s.Id.Value} ";
                    // The claim as the data gives it: "≥501 km" for a claim of at least 501 km, "380–500 km" for a range.
                    var label = $"{via}{Bounds(c)} km{(c.By is { } by ? $" ({by})" : "")}{(contested ? " (firing capability disputed)" : "")}";
                    claims.Add(new RangeClaim(km, label, contested));
                }
            }
        }
    }

    public override string ToString() => string.Join("; ", Claims.Select(c => c.Label));

    /// <summary>A claim's figure with its bound: "480", "≤500", "≥501", "380–500".</summary>
    internal static string Bounds(Claim c) => (c.Min, c.Max) switch
    {
        ({ } lo, { } hi) when lo == hi => Claim.Format(lo),
        ({ } lo, { } hi) => $"{Claim.Format(lo)}–{Claim.Format(hi)}",
        ({ } lo, null) => $"≥{Claim.Format(lo)}",
        (null, { } hi) => $"≤{Claim.Format(hi)}",
        _ => "?",
    };
}
