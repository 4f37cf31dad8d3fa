using System.CommandLine;
using Detente.Node.Reports.Verification;

namespace Detente.Cli.Verification;

/// <summary>
/// The options the verification verbs share (<c>--regimes</c>, <c>--events</c>) and the history they open (<see cref="VerificationHistory"/>):
/// from the record given with <c>--record</c>, else from the events files.
/// </summary>
internal static class VerificationContext
{
    public static Option<string?> RegimesOption { get; } = new("--regimes")
    {
        Description = "The regimes file (default: the shipped data/verification/regimes.json).",
        Recursive = true,
    };

    public static Option<string[]> EventsOption { get; } = new("--events")
    {
        Description = "A verification events file to read instead of the shipped ones (repeatable); ignored with --record.",
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    /// <summary>Opens the history: from the record given with --record, else from the events files (--events, or the shipped ones).</summary>
    public static VerificationHistory Open(Session session, ParseResult parse) =>
        Open(session, parse.GetValue(RegimesOption), parse.GetValue(EventsOption) ?? [], session.Record);

    /// <summary>Opens the history from <paramref name="record"/>, or else from the given (or shipped) events files.</summary>
    public static VerificationHistory Open(Session session, string? regimesPath, string[] given, string? record) =>
        VerificationHistory.Open(session.Scenario, regimesPath, given, record);
}
