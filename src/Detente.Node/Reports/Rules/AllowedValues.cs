using System.Text.Json.Nodes;
using Detente.Data;
using Detente.Node.Reports.Tables;
using Detente.Rules;

namespace Detente.Node.Reports.Rules;

/// <summary>A field with a closed set of values: its name, the values and where it is written.</summary>
/// <param name="Name">The field, e.g. <c>launch</c>.</param>
/// <param name="Allowed">Its values.</param>
/// <param name="Where">Where it is written: data files, rule text, command options.</param>
public sealed record ValueField(string Name, IReadOnlyList<string> Allowed, string Where);

/// <summary>
/// The closed sets of words the data format and the rule language accept (<c>launch</c>, <c>category</c>, <c>permanence</c>, …), in
/// one place: <c>detente values</c> lists them, and command-line filters check against them.
/// </summary>
public static class AllowedValues
{
    /// <summary>Every field with a closed set of values.</summary>
    public static IReadOnlyList<ValueField> All { get; } =
    [
        new("confidence", [.. Vocabulary.Confidence.Keys], "every fact's \"confidence\"; the confidence column of observation files"),
        new("source-kind", [.. Vocabulary.SourceKind.Keys], "sources.json \"kind\""),
        new("party-kind", [.. Vocabulary.PartyKind.Keys], "parties.json \"kind\"; detente parties --kind"),
        new("site-kind", [.. Vocabulary.SiteKind.Keys], "sites.json \"kind\"; rules: site.kind; detente sites --kind"),
        new("category", [.. Vocabulary.SystemCategory.Keys], "catalog systems.json \"category\"; rules: s.category; detente systems --category"),
        new("launch", [.. Vocabulary.LaunchMode.Keys], "catalog systems.json \"launch\"; rules: s.launch; detente systems --launch"),
        new("guidance", [.. Vocabulary.Guidance.Keys], "catalog systems.json \"guidance\""),
        new("role", [.. Vocabulary.Role.Keys], "catalog systems.json \"role\"; rules: s.role; detente systems --role"),
        new("nuclear", [.. Vocabulary.Nuclear.Keys], "catalog systems.json \"nuclear\"; rules: s.nuclear"),
        new("unit", [.. Vocabulary.Unit.Keys], "deployments.json \"unit\"; rules: d.unit"),
        new("permanence", [.. Vocabulary.Permanence.Keys], "deployments.json \"permanence\"; rules: d.permanence"),
        new("mission", [.. Vocabulary.Mission.Keys], "deployments.json \"mission\"; rules: d.mission"),
        new("provenance", [.. Vocabulary.Provenance.Keys], "every fact's \"provenance\"; rules: d.provenance"),
        new("activity-kind", [.. Vocabulary.ActivityKind.Keys], "activities.json \"kind\"; rules: a.kind"),
        new("notification-kind", [.. Vocabulary.NotificationKind.Keys], "notifications.json \"kind\"; rules: n.kind"),
        new("parameter-type", RuleEngine.ParameterTypes, ".accord files: param NAME: TYPE = default"),
        new("document-kind", RuleEngine.DocumentKinds, ".accord files: the kind: header"),
        new("finding-status", ["complied", "violated", "disputed", "undetermined", "not-applicable", "not-checkable", "not-reported"], "findings' \"status\" (check, timeline, whatif)"),
    ];

    /// <summary>The JSON of <c>values --json</c> for <paramref name="fields"/>.</summary>
    public static JsonObject ToJson(IEnumerable<ValueField> fields) => new()
    {
        ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject
        {
            ["field"] = f.Name,
            ["values"] = new JsonArray([.. f.Allowed.Select(v => (JsonNode)v)]),
            ["where"] = f.Where,
        })]),
    };

    /// <summary>The table of <c>values</c> for <paramref name="fields"/>: a row per field with its values and where it is written.</summary>
    public static ReportTable Table(IEnumerable<ValueField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var table = new ReportTable("Allowed values", Column.Id("Field"), Column.Id("Values"), new("Where"));
        foreach (var f in fields)
        {
            table.Add(f.Name, string.Join(" ", f.Allowed), f.Where);
        }

        return table;
    }
}
