using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
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

    /// <summary>
    /// Writes a report of one table: its JSON with <c>--json</c> (<paramref name="compact"/>: on one line, without the record's
    /// status), else its table (<paramref name="table"/> is told whether it is for CSV, which takes every row whole) as CSV with
    /// <c>--csv</c> or drawn for people; exit code 0.
    /// </summary>
    public int Answer(ParseResult parse, Session session, Func<JsonNode> json, Func<bool, ReportTable> table, bool compact = false) =>
        Answer(parse, session, json, csv => ReportPage.Of(table(csv)), compact: compact);

    /// <summary>
    /// Writes a report: its JSON with <c>--json</c> (<paramref name="compact"/>: on one line, without the record's status), with
    /// <c>--csv</c> one of its page's tables (the one <paramref name="table"/> names when it has several), else its page drawn for
    /// people; exit code 0. <paramref name="page"/> is told whether it is for CSV.
    /// </summary>
    public int Answer(ParseResult parse, Session session, Func<JsonNode> json, Func<bool, ReportPage> page,
        Option<string?>? table = null, bool compact = false)
    {
        var csv = CsvChosen(parse);
        if (parse.GetValue(Json))
        {
            if (compact)
            {
                session.Output.WriteLine(json().ToJsonString());
            }
            else
            {
                JsonShapes.Write(session, json());
            }
        }
        else if (csv)
        {
            session.Show(Pages.Choose(page(true).Tables, table is null ? null : parse.GetValue(table)), csv: true);
        }
        else
        {
            Pages.Draw(session.Console, page(false));
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

    /// <summary>A verb with its options and arguments, whose action runs under <see cref="Run"/>.</summary>
    public Command Verb(string name, string description, Symbol[] symbols, Func<ParseResult, Session, int> body)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Option option)
            {
                command.Options.Add(option);
            }
            else
            {
                command.Arguments.Add((Argument)symbol);
            }
        }

        command.SetAction(parse => Run(parse, session => body(parse, session)));
        return command;
    }

    /// <summary>
    /// Runs a verb's body; data, usage, record format, storage and file errors become a message on standard error and exit code 2.
    /// A damaged store (<see cref="Storage.RecordStoreException.IsCorrupt"/>) is exit code 1, as a verification that finds a change.
    /// </summary>
    public int Run(ParseResult parse, Func<Session, int> body)
    {
        try
        {
            return body(new Session(parse.GetValue(Scenario), console, output, error) { Record = parse.GetValue(Record) });
        }
        catch (Exception e) when (e is Core.InputException or UsageException or Node.NodeException or Detente.Record.RecordFormatException
                                       or IOException or UnauthorizedAccessException or Storage.RecordStoreException { IsCorrupt: false })
        {
            // Input a person gave (files, arguments, geography, a record or keyring that cannot be used) is wrong: say where and what,
            // never a stack trace.
            var retry = e is Storage.RecordStoreException { IsTransient: true } ? " (a retry may succeed)" : "";
            error.WriteLine($"error: {e.Message}{retry}");
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
