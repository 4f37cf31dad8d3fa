using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Rules;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente values</c>: the closed sets of words the data format and the rule language accept (<see cref="AllowedValues"/>); command-line
/// filters check against them with messages that list them.
/// </summary>
internal static class Values
{
    /// <summary>A command-line value of a closed set; anything else is bad input that lists the allowed values.</summary>
    public static T Parse<T>(string option, string text, WordMap<T> words)
        where T : struct, Enum =>
        words.TryGetValue(text.Trim().ToLowerInvariant(), out var value) ? value : throw new UsageException(Unknown(option, text, [.. words.Keys]));

    /// <summary>"--launch: unknown value 'land'; expected one of: ground, sea, air, none".</summary>
    public static string Unknown(string option, string text, IReadOnlyList<string> allowed) =>
        $"{option}: unknown value '{text}'; expected one of: {string.Join(", ", allowed)}" + (Spelling.Nearest(text, allowed) is { } near ? $" (did you mean '{near}'?)" : "");

    public static Command Create(CliOptions options)
    {
        var field = new Argument<string?>("field") { Description = "The field, e.g. launch or permanence (default: every field).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("values", "List the allowed values of each field with a closed set of values (launch, category, permanence, mission, parameter types, …).")
        {
            field, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var fields = parse.GetValue(field) is { } name
                ? [AllowedValues.All.FirstOrDefault(f => f.Name == name.Trim().ToLowerInvariant())
                   ?? throw new UsageException(Unknown("FIELD", name, [.. AllowedValues.All.Select(f => f.Name)]))]
                : AllowedValues.All;
            return options.Answer(parse, session, () => AllowedValues.ToJson(fields), _ => AllowedValues.Table(fields));
        }));
        return command;
    }
}
