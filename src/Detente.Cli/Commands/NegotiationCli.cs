using System.CommandLine;
using Detente.Core;
using Detente.Negotiation;
using Detente.Node.Reports.Negotiation;

namespace Detente.Cli.Commands;

/// <summary>What the negotiation verbs share: the data directory option, parsing parties and positions, and their table cells.</summary>
internal static class NegotiationCli
{
    public static Option<string?> DataOption() => new("--negotiation")
    {
        Description = "The directory holding issues.json, positions.json and sources.json (default: data/negotiation).",
    };

    /// <summary>Loads the data of the <c>--negotiation</c> directory; bad input is a data error (exit code 2, file:line:column).</summary>
    public static NegotiationData Load(ParseResult parse, Option<string?> option) =>
        NegotiationData.Load(parse.GetValue(option) ?? Path.Combine(Paths.DataDirectory(), "negotiation"));

    /// <summary>Every issue's measure compiled against the session's geography, parties and the shipped agreements.</summary>
    public static IssueMeasures Measures(Session session, NegotiationData data) => StatusQuoMeasures.Compile(
        data, session.Scenario, session.Atlas, session.Manifest.GeoDirectory, RulesContext.AgreementsDirectory(null));

    /// <summary>The issues whose status quo in the session's world on <paramref name="day"/> is one value.</summary>
    public static Dictionary<IssueId, int> StatusQuoValues(Session session, NegotiationData data, DateOnly day) =>
        StatusQuoMeasures.Values(data, Measures(session, data), session.Scenario, day);

    public static IReadOnlyList<PartyId> Parties(string? text, NegotiationData data)
    {
        var known = data.Parties.ToList();
        return string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(raw =>
        {
            var code = raw.ToUpperInvariant();
            return PartyId.IsValidCode(code) && known.Contains(new PartyId(code)) ? new PartyId(code) : throw new UsageException(
                $"--parties: no positions recorded for '{raw}'" + (Spelling.Nearest(code, known.Select(p => p.Code)) is { } near ? $"; did you mean '{near}'?" : "") +
                $" (parties with positions: {string.Join(", ", known)})");
        })];
    }

    public static Position Position(NegotiationData data, string id, string what) =>
        Parse.Known(what, "position", id, data.PositionsById, s => new PositionId(s));
}
