using System.CommandLine;
using Detente.Record;
using Detente.Node.Appending;
using Detente.Storage;

namespace Detente.Cli.Records;

/// <summary>The options the record verbs share (<c>--db</c>, <c>--keyring</c>) and how their errors become messages.</summary>
internal static class RecordOptions
{
    /// <summary>Exit code when a verification finds a change or a proof does not verify.</summary>
    public const int VerificationFailed = 1;

    private static readonly Option<string?> DbOption = new("--db")
    {
        Description = "The record: a SQLite file (default $DETENTE_DB, else ./detente.db) or a PostgreSQL connection string (Host=... or postgres://...).",
    };

    private static readonly Option<string?> KeyringOption = new("--keyring")
    {
        Description = "The keyring file of private keys, mode 0600 (default $DETENTE_KEYRING, else ./detente-keyring.json).",
    };

    private static readonly Option<bool> DemoOption = new("--demo")
    {
        Description = "Create the record as a demo record: demo keys (derivable by anyone from a party's name) are accepted, and every checkpoint, proof and output says so.",
    };

    /// <summary>The record verbs' <c>--db</c> (one option, shared).</summary>
    public static Option<string?> Db() => DbOption;

    /// <summary>The record verbs' <c>--keyring</c> (one option, shared).</summary>
    public static Option<string?> Keyring() => KeyringOption;

    /// <summary>The <c>--demo</c> of the verbs that may create a record (one option, shared).</summary>
    public static Option<bool> Demo() => DemoOption;

    /// <summary>The record of <c>--db</c> (its default when not given).</summary>
    public static string DbPath(ParseResult parse) => DbPath(parse.GetValue(DbOption));

    /// <summary>The keyring of <c>--keyring</c> (its default when not given).</summary>
    public static string KeyringPath(ParseResult parse) => KeyringPath(parse.GetValue(KeyringOption));

    /// <summary>Opens the node of <c>--db</c> and <c>--keyring</c> (created as a demo record when <paramref name="demo"/>).</summary>
    public static RecordNode Open(ParseResult parse, bool demo = false) => new(DbPath(parse), KeyringPath(parse), demo);

    /// <summary>A verb with its options and arguments, whose action runs under <see cref="CliOptions.Run"/> (and <see cref="Guard"/> unless told not to).</summary>
    public static Command Verb(this CliOptions options, string name, string description, Symbol[] symbols, Func<ParseResult, Session, int> body, bool guard = true)
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

        command.SetAction(parse => options.Run(parse, session => guard ? Guard(() => body(parse, session)) : body(parse, session)));
        return command;
    }

    /// <summary>Opens the node of <c>--db</c> and <c>--keyring</c> (created as a demo record when <paramref name="demo"/>).</summary>
    public static RecordNode Open(ParseResult parse, Option<string?> db, Option<string?> keyring, bool demo = false) =>
        new(DbPath(parse.GetValue(db)), KeyringPath(parse.GetValue(keyring)), demo);

    public static string DbPath(string? option) =>
        option ?? (Environment.GetEnvironmentVariable("DETENTE_DB") is { Length: > 0 } env ? env : "detente.db");

    public static string KeyringPath(string? option) =>
        option ?? (Environment.GetEnvironmentVariable("DETENTE_KEYRING") is { Length: > 0 } env ? env : "detente-keyring.json");

    /// <summary>
    /// Runs a record verb: record format, storage and key errors become a message and exit code 2. A damaged store
    /// (<see cref="RecordStoreException.IsCorrupt"/>) is left to <see cref="CliOptions.Run"/>, which reports it with exit code 1.
    /// </summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (RecordFormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (RecordStoreException e) when (!e.IsCorrupt)
        {
            throw new UsageException(e.Message + (e.IsTransient ? " (a retry may succeed)" : ""));
        }
        catch (IOException e)
        {
            throw new UsageException(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
