using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Following;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>What <c>detente whatif</c> shows: every finding whose status changes when hypothetical facts are laid over the world.</summary>
/// <param name="Day">The date.</param>
/// <param name="Apply">The overlay file the hypothetical facts came from, as given.</param>
/// <param name="Changes">The findings that change, paired by clause, party and subject (see <see cref="FindingChange.Paired"/>).</param>
public sealed record WhatIfReport(DateOnly Day, string Apply, IReadOnlyList<FindingChange> Changes)
{
    /// <summary>Evaluates <paramref name="documents"/> on <paramref name="day"/> in <paramref name="scenario"/> and in <paramref name="hypothetical"/>.</summary>
    public static WhatIfReport Build(RuleEngine engine, IReadOnlyList<Agreement> documents, Scenario scenario, Scenario hypothetical, DateOnly day,
        Func<Agreement, AgreementParameters?> parameters, string apply)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(documents);
        var before = documents.SelectMany(a => engine.Evaluate(a, scenario.At(day), parameters(a))).ToList();
        var after = documents.SelectMany(a => engine.Evaluate(a, hypothetical.At(day), parameters(a))).ToList();
        return new WhatIfReport(day, apply, FindingChange.Paired(before, after));
    }

    /// <summary>The JSON of <c>whatif --json</c>: per change its clause, party, subject, status before and after, and explanation.</summary>
    public JsonObject ToJson() => new()
    {
        ["at"] = FactWriter.Day(Day),
        ["apply"] = Apply,
        ["changes"] = new JsonArray([.. Changes.Select(c => (JsonNode)new JsonObject
        {
            ["clause"] = c.Finding.Clause.ToString(),
            ["party"] = c.Finding.PartyCode,
            ["subject"] = FindingJson.Subject(c.Finding.Subject),
            ["before"] = c.Before is null ? null : Finding.Word(c.Before.Status),
            ["after"] = c.After is null ? null : Finding.Word(c.After.Status),
            ["hypothetical"] = c.Finding.Hypothetical,
            ["explanation"] = c.Finding.Explanation,
        })]),
    };
}
