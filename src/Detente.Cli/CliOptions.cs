using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Data;
using Spectre.Console;

namespace Detente.Cli;

/// <summary>The options every verb shares, and the one place that turns errors into messages and exit codes.</summary>
internal sealed class CliOptions(IAnsiConsole console, TextWriter output, TextWriter error)
{
    /// <summary>Exit code for bad input (DESIGN.md contract).</summary>
    public const int BadInput = 2;

    public Option<string?> Scenario { get; } = new("--scenario")
    {
        Description = "The scenario: a directory holding scenario.json, or the name of a shipped one (default: europe-2022).",
        Recursive = true,
    };

    public Option<string?> Record { get; } = new("--record", "--db")
    {
        Description = "Build the world from a record (SQLite file or PostgreSQL connection string) instead of the scenario's files; "
            + "--db is the same option, named as on the record verbs.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Write JSON for machines instead of tables." };

    public Option<bool> Csv { get; } = new("--csv")
    {
        Description = "Write the table as CSV (RFC 4180): a header row and the table's columns, values whole.",
    };

    /// <summary>Refuses <c>--json</c> with <c>--csv</c>: a verb writes one format.</summary>
    public bool CsvChosen(ParseResult parse)
    {
        var csv = parse.GetValue(Csv);
        if (csv && parse.GetValue(Json))
        {
            throw new UsageException("--csv: choose one of --json and --csv");
        }

        return csv;
    }

    /// <summary>Writes a verb's answer: its JSON with --json, else its table (as CSV with <paramref name="csv"/>); exit code 0.</summary>
    public int Answer(ParseResult parse, Session session, bool csv, Func<JsonNode> json, Func<ReportTable> table) =>
        Answer(parse, session, json, _ => table());

    /// <summary>
    /// Writes a report: its JSON with <c>--json</c>, else its table (<paramref name="table"/> is told whether it is for CSV, which
    /// takes every row whole) as CSV with <c>--csv</c> or drawn for people; exit code 0.
    /// </summary>
    public int Answer(ParseResult parse, Session session, Func<JsonNode> json, Func<bool, ReportTable> table)
    {
        var csv = CsvChosen(parse);
        if (parse.GetValue(Json))
        {
            JsonShapes.Write(session, json());
        }
        else
        {
            session.Show(table(csv), csv);
        }

        return 0;
    }

    /// <summary>The required <c>--at</c> of the verbs that evaluate the world at a date (one option, shared).</summary>
    public Option<string> At { get; } = AtOption(required: true);

    /// <summary>The date of <see cref="At"/>.</summary>
    public DateOnly Day(ParseResult parse) => Parse.Date(parse.GetValue(At)!, "--at");

    /// <summary>
    /// The date a verb evaluates. The rule (docs/cli.md, "Dates"): required on every verb that evaluates the world or the
    /// verification history at a date; only <c>demo</c> has a default; where <c>--at</c> merely selects (reach, positions,
    /// analyze, propose) it is optional and its help says what its absence means.
    /// </summary>
    public static Option<string> AtOption(bool required, string what = "The date to evaluate") => new("--at")
    {
        Description = $"{what}, e.g. 2022-01-12 ({(required ? "required; no verb but demo has a default date" : "optional")}).",
        Required = required,
    };

    /// <summary>Runs a verb's body; data and usage errors become a message on standard error and exit code 2.</summary>
    public int Run(ParseResult parse, Func<Session, int> body)
    {
        try
        {
            return body(new Session(parse.GetValue(Scenario), console, output, error) { Record = parse.GetValue(Record) });
        }
        catch (Exception e) when (e is Core.InputException or UsageException or Node.NodeException)
        {
            // Input a person gave (files, arguments, geography) is wrong: say where and what, never a stack trace.
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (Storage.RecordStoreException e) when (e.IsCorrupt)
        {
            // The record itself was changed or damaged: the same exit code as a verification that finds a change.
            error.WriteLine($"changed: {e.Message}");
            return Records.RecordOptions.VerificationFailed;
        }
    }
}
