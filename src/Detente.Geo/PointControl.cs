using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// Who a point belongs to on a day: the state whose territory it is as internationally recognised, and, where the point lies in
/// a mapped control area, every recorded claim of control of that area (several when disputed, none when unrecorded).
/// </summary>
/// <param name="Point">The point asked about.</param>
/// <param name="Territory">The recognised state, or null for the sea or land outside the mapped states.</param>
/// <param name="Areas">The mapped control areas containing the point, with the control facts in force on the day.</param>
public sealed record PointControl(GeoPoint Point, PartyId? Territory, ImmutableArray<(ControlArea Area, ImmutableArray<Control> Control)> Areas)
{
    /// <summary>
    /// The parties that control the point on the day: the recorded controllers of the areas it lies in, or the recognised state
    /// when it lies in no area with recorded control. Several parties mean the sources disagree.
    /// </summary>
    public ImmutableArray<PartyId> Controllers
    {
        get
        {
            var recorded = Areas.SelectMany(a => a.Control).Select(c => c.Controller).Distinct().ToImmutableArray();
            return !recorded.IsEmpty ? recorded : Territory is { } state ? [state] : [];
        }
    }

    /// <summary>True when more than one party is recorded as controlling the point.</summary>
    public bool IsDisputed => Controllers.Length > 1;

    /// <summary>Answers for <paramref name="point"/> on the day of <paramref name="world"/>.</summary>
    public static PointControl At(Atlas atlas, World world, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        ArgumentNullException.ThrowIfNull(world);
        var areas = atlas.AreasAt(point)
            .Select(area => (area, world.ControlOf(new AreaId(area.Id))))
            .ToImmutableArray();
        return new PointControl(point, atlas.TerritoryAt(point), areas);
    }
}
