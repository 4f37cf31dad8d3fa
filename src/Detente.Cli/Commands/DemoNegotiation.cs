using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Negotiation;

namespace Detente.Cli.Commands;

/// <summary>The negotiation section of <c>detente demo</c>: where the positions of 26 January 2022 can and cannot meet.</summary>
internal static class DemoNegotiation
{
    /// <summary>The day the US non-paper and the NATO reply were handed over.</summary>
    public static readonly DateOnly Day = new(2022, 1, 26);

    /// <summary>RUS, USA and NATO, the pair USA and NATO; linkage on 17 February 2022, when Russia called its proposals a package.</summary>
    private static readonly OverviewQuestions Questions = new(
        [new("RUS"), new("USA"), new("NATO")], [new("USA"), new("NATO")], Day, new DateOnly(2022, 2, 17), "rus-ukraine-military-presence");

    public static void Show(Session session)
    {
        var data = NegotiationData.Load(Path.Combine(Paths.DataDirectory(), "negotiation"));
        session.Draw(NegotiationTables.Overview(NegotiationOverview.Of(data, NegotiationCli.StatusQuoValues(session, data, Day), Questions)));
    }
}
