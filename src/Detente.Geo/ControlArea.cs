using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// A named area whose control may differ from its recognised state (e.g. Crimea). Geometry only: who controls it,
/// and since when, is scenario data that refers to the area by <see cref="Id"/>.
/// </summary>
/// <param name="Id">Stable id used by scenarios, e.g. <c>crimea</c>.</param>
/// <param name="Name">English name.</param>
/// <param name="Within">The state whose recognised territory contains the area.</param>
/// <param name="AccuracyKm">Estimated accuracy of the boundary in kilometres.</param>
/// <param name="Method">How the polygon was made.</param>
/// <param name="Source">The publication or map the line follows, with its date.</param>
/// <param name="Confidence">How far the line can be relied on.</param>
/// <param name="Shape">The area's shape.</param>
public sealed record ControlArea(
    string Id, string Name, PartyId Within, double AccuracyKm, string Method, string Source, Confidence Confidence, Shape Shape);
