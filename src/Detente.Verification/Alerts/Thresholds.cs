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
/// code): for the Vienna Document 2011, prior notification of an activity (<c>notification-troops</c>, para 40.1.1, clause 38),
/// observation (<c>observation-troops</c>, para 47.4, clause 47), the arrival or concentration of transferred forces
/// (<c>concentration-troops</c>, para 40.3, clause 40) and the notice period (<c>notification-days</c>).
/// </summary>
public sealed class AlertThresholds
{
    /// <summary>The parameter that holds the notification threshold.</summary>
    public const string NotificationParameter = "notification-troops";

    /// <summary>The parameter that holds the observation threshold.</summary>
    public const string ObservationParameter = "observation-troops";

    /// <summary>The parameter that holds the threshold for the arrival or concentration of transferred forces.</summary>
    public const string ConcentrationParameter = "concentration-troops";

    /// <summary>The parameter that holds the notice period in days.</summary>
    public const string NoticeParameter = "notification-days";

    internal AlertThresholds(string agreement, IReadOnlyList<Threshold> troops, Threshold concentration, double noticeDays)
    {
        Agreement = agreement;
        Troops = troops;
        Concentration = concentration;
        NoticeDays = noticeDays;
    }

    /// <summary>The agreement the thresholds come from.</summary>
    public string Agreement { get; }

    /// <summary>Troop thresholds of an activity (prior notification, observation), lowest first.</summary>
    public IReadOnlyList<Threshold> Troops { get; }

    /// <summary>The troop threshold for the arrival or concentration of transferred forces (para 40.3).</summary>
    public Threshold Concentration { get; }

    /// <summary>
    /// The thresholds that apply on a basis, lowest first: an activity's notification and observation thresholds; for forces that
    /// arrived in another state, the concentration threshold in place of the notification one (observation still applies to a
    /// notifiable arrival); for forces on the party's own territory that no activity explains, only the concentration threshold,
    /// which such forces meet only if they were transferred there (see <see cref="AlertBasis"/>).
    /// </summary>
    public IReadOnlyList<Threshold> For(AlertBasis basis) => basis switch
    {
        AlertBasis.Activity => Troops,
        AlertBasis.Arrival => [.. Troops.Where(t => t.Parameter != NotificationParameter).Append(Concentration).OrderBy(t => t.Value)],
        _ => [Concentration],
    };

    /// <summary>How many days ahead a notice is due.</summary>
    public double NoticeDays { get; }

    /// <summary>Creates thresholds directly (tests and synthetic benchmarks); <paramref name="troops"/> are an activity's thresholds.</summary>
    public static AlertThresholds Of(string agreement, double noticeDays, Threshold concentration, params Threshold[] troops) =>
        new(agreement, [.. troops.OrderBy(t => t.Value)], concentration, noticeDays);

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

        Threshold Of(string name) => new(Value(name), name, Note(name), ClauseUsing(name));
        var troops = new[] { NotificationParameter, ObservationParameter }.Select(Of).OrderBy(t => t.Value).ToList();
        return new AlertThresholds(agreement.Id, troops, Of(ConcentrationParameter), Value(NoticeParameter));
    }
}
