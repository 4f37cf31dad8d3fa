using Detente.Core;
using Detente.Rules;
using Detente.Rules.Compilation;

namespace Detente.Verification.Alerts;

/// <summary>A threshold from an agreement's parameters: its value, the parameter's name and documentation, and the clause that uses it.</summary>
/// <param name="Value">The number of troops.</param>
/// <param name="Parameter">The parameter's name, e.g. <c>notification-troops</c>.</param>
/// <param name="Note">The parameter's documentation (paragraph and source).</param>
/// <param name="Clause">The clause whose condition uses the parameter, e.g. <c>vienna-document-2011/38</c>.</param>
public sealed record Threshold(double Value, string Parameter, string Note, ClauseId Clause);

/// <summary>
/// The thresholds alerts compare against, read from an agreement's parameters through the Rules library (never numbers in
/// code): for the Vienna Document 2011, prior notification (<c>notification-troops</c>, clause 38), observation
/// (<c>observation-troops</c>, clause 47) and the notice period (<c>notification-days</c>).
/// </summary>
public sealed class AlertThresholds
{
    /// <summary>The parameter that holds the notification threshold.</summary>
    public const string NotificationParameter = "notification-troops";

    /// <summary>The parameter that holds the observation threshold.</summary>
    public const string ObservationParameter = "observation-troops";

    /// <summary>The parameter that holds the notice period in days.</summary>
    public const string NoticeParameter = "notification-days";

    internal AlertThresholds(string agreement, IReadOnlyList<Threshold> troops, double noticeDays)
    {
        Agreement = agreement;
        Troops = troops;
        NoticeDays = noticeDays;
    }

    /// <summary>The agreement the thresholds come from.</summary>
    public string Agreement { get; }

    /// <summary>Troop thresholds, lowest first.</summary>
    public IReadOnlyList<Threshold> Troops { get; }

    /// <summary>How many days ahead a notice is due.</summary>
    public double NoticeDays { get; }

    /// <summary>Creates thresholds directly (tests and synthetic benchmarks).</summary>
    public static AlertThresholds Of(string agreement, double noticeDays, params Threshold[] troops) =>
        new(agreement, [.. troops.OrderBy(t => t.Value)], noticeDays);

    /// <summary>Reads the thresholds from a compiled agreement's parameter defaults, evaluated for <paramref name="world"/>.</summary>
    public static AlertThresholds From(Agreement agreement, RuleEngine engine, World world)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(engine);
        var values = engine.ParameterValues(agreement, world);
        double Value(string name) => values.TryGetValue(name, out var v) && v is double d
            ? d
            : throw new InvalidOperationException(VerificationMessages.MissingParameter(agreement.Id, name));
        string Note(string name) => agreement.Parameters.First(p => p.Name == name).Documentation;
        ClauseId ClauseUsing(string name) =>
            RuleEngine.ClausesUsing(agreement, name) is [var first, ..]
                ? first
                : throw new InvalidOperationException(VerificationMessages.NoClauseFor(agreement.Id, name));

        var troops = new[] { NotificationParameter, ObservationParameter }
            .Select(n => new Threshold(Value(n), n, Note(n), ClauseUsing(n)))
            .OrderBy(t => t.Value).ToList();
        return new AlertThresholds(agreement.Id, troops, Value(NoticeParameter));
    }
}
