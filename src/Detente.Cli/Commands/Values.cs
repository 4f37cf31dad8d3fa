using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
using Detente.Core;
using Detente.Data;

namespace Detente.Cli.Commands;

/// <summary>
/// The closed sets of words the data format and the rule language accept (<c>launch</c>, <c>category</c>, <c>permanence</c>, …),
/// in one place: <c>detente values</c> lists them, and command-line filters check against them with messages that list them.
/// </summary>
internal static class Values
{
    /// <summary>A field with a closed set of values: its name, the values and where it is written.</summary>
    public sealed record Field(string Name, IReadOnlyList<string> Allowed, string Where);

    public static IReadOnlyList<Field> All { get; } =
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
        new("parameter-type", [.. Rules.Compilation.AgreementCompiler.ParamTypes.Keys], ".accord files: param NAME: TYPE = default"),
        new("document-kind", [.. Rules.Parsing.Parser.DocumentKinds], ".accord files: the kind: header"),
        new("finding-status", ["complied", "violated", "disputed", "undetermined", "not-applicable", "not-checkable", "not-reported"], "findings' \"status\" (check, timeline, whatif)"),
    ];

    /// <summary>A command-line value of a closed set; anything else is bad input that lists the allowed values.</summary>
    public static T Parse<T>(string option, string text, WordMap<T> words)
        where T : struct, Enum
    {
        if (words.TryGetValue(text.Trim().ToLowerInvariant(), out var value))
        {
            return value;
        }

        throw new UsageException(Unknown(option, text, [.. words.Keys]));
    }

    /// <summary>"--launch: unknown value 'land'; expected one of: ground, sea, air, none".</summary>
    public static string Unknown(string option, string text, IReadOnlyList<string> allowed)
    {
        var near = Spelling.Nearest(text, allowed);
        return $"{option}: unknown value '{text}'; expected one of: {string.Join(", ", allowed)}" + (near is null ? "" : $" (did you mean '{near}'?)");
    }

    public static Command Create(CliOptions options)
    {
        var field = new Argument<string?>("field")
        {
            Description = "The field, e.g. launch or permanence (default: every field).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("values", "List the allowed values of each field with a closed set of values (launch, category, permanence, mission, parameter types, …).")
        {
            field, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var fields = All;
            if (parse.GetValue(field) is { } name)
            {
                var found = All.FirstOrDefault(f => f.Name == name.Trim().ToLowerInvariant())
                            ?? throw new UsageException(Unknown("FIELD", name, [.. All.Select(f => f.Name)]));
                fields = [found];
            }

            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject
                    {
                        ["field"] = f.Name,
                        ["values"] = new JsonArray([.. f.Allowed.Select(v => (JsonNode)v)]),
                        ["where"] = f.Where,
                    })]),
                });
                return 0;
            }

            var table = new TableView("Allowed values", new Column("Field", ColumnKind.Id), new Column("Values", ColumnKind.Id), new Column("Where"));
            foreach (var f in fields)
            {
                table.Add(f.Name, string.Join(" ", f.Allowed), f.Where);
            }

            session.Show(table, csv);
            return 0;
        }));
        return command;
    }
}
