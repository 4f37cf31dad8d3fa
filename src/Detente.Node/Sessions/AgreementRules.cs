using Detente.Core;
using Detente.Geo;
using Detente.Node.Reports.Rules;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Detente.Verification.Alerts;

namespace Detente.Node.Sessions;

/// <summary>
/// The rule engine over a world's geography and parties with the agreements of a directory, as the rules verbs and the live findings
/// use them. Every problem a person can fix (a bad agreement file, an unknown id, a bad <c>--param</c>) is a <see cref="NodeException"/>.
/// </summary>
/// <param name="engine">The engine the agreements were compiled by.</param>
/// <param name="library">The agreements.</param>
public sealed class AgreementRules(RuleEngine engine, AgreementLibrary library)
{
    /// <summary>The engine the agreements were compiled by (and are evaluated with).</summary>
    public RuleEngine Engine => engine;

    /// <summary>The agreements of the directory.</summary>
    public AgreementLibrary Library => library;

    /// <summary>The rule engine over the areas of <paramref name="geoDirectory"/> and the parties of <paramref name="scenario"/>.</summary>
    public static RuleEngine EngineOver(string geoDirectory, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new RuleEngine(RuleGeography.Load(geoDirectory), scenario.Parties.Keys.Select(p => p.Code).ToHashSet());
    }

    /// <summary>The agreements of <paramref name="agreementsDirectory"/> compiled over the world's geography and parties.</summary>
    public static AgreementRules Open(string geoDirectory, Scenario scenario, string agreementsDirectory)
    {
        var engine = EngineOver(geoDirectory, scenario);
        return engine.TryLoad(agreementsDirectory, out var library, out var errors)
            ? new AgreementRules(engine, library)
            : throw new NodeException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>The agreement with id <paramref name="id"/>; an unknown one names the nearest.</summary>
    public Agreement Agreement(string id) =>
        RuleEngine.TryFind(library, id, out var agreement, out var problem) ? agreement : throw new NodeException(problem);

    /// <summary>The <c>--param NAME=VALUE</c> settings for one document (those of another document of the library are skipped).</summary>
    public AgreementParameters Settings(Agreement agreement, IEnumerable<string> values)
    {
        if (engine.TryParseParameters(agreement, values, library, out var settings, out var errors))
        {
            return settings;
        }

        throw new NodeException(errors[0].File == "--param" ? "--param: " + errors[0].Message : string.Join(Environment.NewLine, errors));
    }

    /// <summary>The <c>--param</c> settings, read for each document as it is evaluated.</summary>
    public Func<Agreement, AgreementParameters?> Settings(IReadOnlyList<string> values) => a => Settings(a, values);

    /// <summary>The build-up alerts on <paramref name="day"/>, thresholds from the Vienna Document's parameters.</summary>
    public AlertsReport Alerts(Scenario scenario, Atlas? atlas, DateOnly day, AlertOptions? options = null) =>
        AlertsReport.Build(engine, Agreement(BuildUpAlerts.Agreement), scenario, atlas, day, options);

    /// <summary>The findings of the build-up alerts on <paramref name="day"/> (for <c>check --alerts</c> and the brief).</summary>
    public IReadOnlyList<Finding> AlertFindings(Scenario scenario, Atlas? atlas, DateOnly day) =>
        BuildUpAlerts.Findings(engine, Agreement(BuildUpAlerts.Agreement), scenario, atlas, day);
}
