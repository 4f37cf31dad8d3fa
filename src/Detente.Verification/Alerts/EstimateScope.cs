using Detente.Core;
using Detente.Verification.Observations;

namespace Detente.Verification.Alerts;

/// <summary>
/// What an estimate counts, so that alerts compare and trend only figures of the same scope: a <b>state</b>-wide figure (the
/// party's forces in the whole place), a <b>part</b> of the place named by the observation (e.g. "near Ukraine's borders", a
/// region within Russia), or <b>local</b> sightings (rows with coordinates, which add up to at least what was seen). A national
/// total, an estimate for one region and a sum of sightings are not measures of the same thing, so a rise from one to another is
/// no trend.
/// </summary>
/// <param name="Kind"><c>state</c>, <c>part</c> or <c>local</c>.</param>
/// <param name="Part">For <c>part</c>: the observation's own words for the area (its <c>where</c>).</param>
public sealed record EstimateScope(string Kind, string? Part)
{
    /// <summary>A figure for the whole place.</summary>
    public static readonly EstimateScope State = new("state", null);

    /// <summary>Sightings at points.</summary>
    public static readonly EstimateScope Local = new("local", null);

    /// <summary>The suffix of a finding's subject id that tells the scope apart (empty for state-wide).</summary>
    public string SubjectSuffix => Kind switch
    {
        "local" => "/local",
        "part" => $"[{Part}]",
        _ => "",
    };

    /// <summary>The place in words with the scope, e.g. <c>RUS (near Ukraine's borders)</c>.</summary>
    public string Describe(string place) => Kind switch
    {
        "local" => $"{place} (local sightings)",
        "part" => $"{place} ({Part})",
        _ => place,
    };

    /// <summary>
    /// The scope of every row of <paramref name="table"/>, as an index into the returned list: rows with coordinates are local;
    /// rows of an observation whose <c>where</c> names neither the place's state (its code or its name in <paramref name="scenario"/>)
    /// nor nothing are a part, one scope per distinct text (compared without case); every other row is state-wide.
    /// </summary>
    public static (int[] Rows, List<EstimateScope> Scopes) Of(ObservationTable table, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(scenario);
        var scopes = new List<EstimateScope> { State, Local };
        var parts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var byFact = new int[table.Facts.Count];
        for (var f = 0; f < byFact.Length; f++)
        {
            var o = table.Facts[f];
            var where = o.Where?.Trim();
            if (string.IsNullOrEmpty(where) || o.Hosts.Any(h => where.Equals(h.Code, StringComparison.OrdinalIgnoreCase)
                                                                 || where.Equals(scenario.NameOf(h), StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!parts.TryGetValue(where, out var id))
            {
                id = scopes.Count;
                parts[where] = id;
                scopes.Add(new EstimateScope("part", where));
            }

            byFact[f] = id;
        }

        var rows = new int[table.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = !float.IsNaN(table.Lat[i]) ? 1 : table.Fact[i] >= 0 ? byFact[table.Fact[i]] : 0;
        }

        return (rows, scopes);
    }
}
