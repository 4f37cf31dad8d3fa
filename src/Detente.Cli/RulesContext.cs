using System.CommandLine;
using Detente.Node.Reports.Rules;
using Detente.Node.Sessions;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Detente.Verification.Alerts;

namespace Detente.Cli;

/// <summary>What the agreement verbs share: <c>--agreements</c> and <c>--param</c>, and the session's <see cref="AgreementRules"/>.</summary>
internal sealed class RulesContext(Session session, AgreementRules rules)
{
    public static Option<string?> AgreementsOption { get; } = new("--agreements")
    {
        Description = "Directory of .accord files (default: the shipped data/agreements).",
        Recursive = true,
    };

    public static Option<string[]> ParamOption { get; } = new("--param")
    {
        Description = "Set a document parameter: NAME=VALUE (a rule expression, e.g. zone-width-km=50km). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public RuleEngine Engine => rules.Engine;

    public AgreementLibrary Library => rules.Library;

    public static string AgreementsDirectory(string? option) => option ?? Path.Combine(Paths.DataDirectory(), "agreements");

    /// <summary>The rule engine over the session's geography and parties.</summary>
    public static RuleEngine EngineOf(Session session) => AgreementRules.EngineOver(session.Manifest.GeoDirectory, session.Scenario);

    public static RulesContext Open(Session session, string? agreementsDirectory) =>
        new(session, AgreementRules.Open(session.Manifest.GeoDirectory, session.Scenario, AgreementsDirectory(agreementsDirectory)));

    /// <summary>The rules of the session with the agreements of the command line's <c>--agreements</c>.</summary>
    public static RulesContext From(Session session, ParseResult parse) => Open(session, parse.GetValue(AgreementsOption));

    public Agreement Agreement(string id) => rules.Agreement(id);

    /// <summary>The <c>--param</c> settings of the command line, read for each document as it is evaluated.</summary>
    public Func<Agreement, AgreementParameters?> Settings(ParseResult parse) => rules.Settings(parse.GetValue(ParamOption) ?? []);

    /// <summary>The build-up alerts on <paramref name="day"/> in the session's world.</summary>
    public AlertsReport Alerts(DateOnly day, AlertOptions? options = null) => rules.Alerts(session.Scenario, session.Atlas, day, options);

    /// <summary>The findings of the alerts on <paramref name="day"/> (for <c>check --alerts</c> and the brief).</summary>
    public IReadOnlyList<Finding> AlertFindings(DateOnly day) => rules.AlertFindings(session.Scenario, session.Atlas, day);
}
