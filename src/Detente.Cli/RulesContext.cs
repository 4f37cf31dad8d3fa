using System.CommandLine;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Cli;

/// <summary>What the agreement verbs share: the rule engine over the scenario's geography and parties, the agreements and <c>--param</c>.</summary>
internal sealed class RulesContext(Session session, RuleEngine engine, AgreementLibrary library)
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

    public Session Session => session;

    public RuleEngine Engine => engine;

    public AgreementLibrary Library => library;

    public static string AgreementsDirectory(string? option) => option ?? Path.Combine(Paths.DataDirectory(), "agreements");

    /// <summary>The rule engine over the session's geography and parties.</summary>
    public static RuleEngine EngineOf(Session session) =>
        new(RuleGeography.Load(session.Manifest.GeoDirectory), session.Scenario.Parties.Keys.Select(p => p.Code).ToHashSet());

    public static RulesContext Open(Session session, string? agreementsDirectory)
    {
        var engine = EngineOf(session);
        return engine.TryLoad(AgreementsDirectory(agreementsDirectory), out var library, out var errors)
            ? new RulesContext(session, engine, library)
            : throw new UsageException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>The rules of the session with the agreements of the command line's <c>--agreements</c>.</summary>
    public static RulesContext From(Session session, ParseResult parse) => Open(session, parse.GetValue(AgreementsOption));

    public Agreement Agreement(string id) => RuleEngine.TryFind(library, id, out var a, out var problem) ? a : throw new UsageException(problem);

    /// <summary>The <c>--param NAME=VALUE</c> settings for one document (those of another document of the library are skipped).</summary>
    public AgreementParameters Settings(Agreement agreement, IEnumerable<string> values) =>
        engine.TryParseParameters(agreement, values, library, out var settings, out var errors)
            ? settings
            : throw new UsageException(errors[0].File == "--param" ? "--param: " + errors[0].Message : string.Join(Environment.NewLine, errors));

    /// <summary>The <c>--param</c> settings of the command line, read for each document as it is evaluated.</summary>
    public Func<Agreement, AgreementParameters?> Settings(ParseResult parse)
    {
        var values = parse.GetValue(ParamOption) ?? [];
        return a => Settings(a, values);
    }

    /// <summary>The findings of the alerts on <paramref name="day"/> (for <c>check --alerts</c> and the brief).</summary>
    public IReadOnlyList<Finding> AlertFindings(DateOnly day) =>
        Detente.Verification.Alerts.BuildUpAlerts.Findings(engine, Agreement(Detente.Verification.Alerts.BuildUpAlerts.Agreement), session.Scenario, session.Atlas, day);
}
