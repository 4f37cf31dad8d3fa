using System.CommandLine;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Reports.Verification;

namespace Detente.Cli.Verification;

/// <summary>
/// The verbs that state a step (<c>inspections request</c>, <c>consultations answer</c>, …): the body is read and checked field by field,
/// then by the state machine against the regime and the record's history, and only then signed and appended
/// (<see cref="StatementAuthoring.AppendStep"/>). A rejected step writes nothing.
/// </summary>
internal static class StepWriter
{
    public static Command Verb(CliOptions options, string name, StatementKind kind, string description)
    {
        var party = new Option<string>("--party") { Description = "The author party; its key in the keyring signs.", Required = true };
        var body = new Option<string>("--body") { Description = "The step's body: a file holding a JSON object (schema in docs/verification.md), or - for standard input.", Required = true };
        var key = new Option<string?>("--key") { Description = "Sign with this keyring key (by name) instead of the party's live key." };
        var (db, keyring) = (RecordOptions.Db(), RecordOptions.Keyring());
        return options.Verb(name, description, [party, body, key, db, keyring], (parse, session) =>
        {
            var author = Commands.KeysCommand.Party(parse.GetValue(party)!);
            var bodyPath = parse.GetValue(body)!;
            var bytes = StatementInput.Read(bodyPath, "--body");
            var step = StatementAuthoring.ReadStep(kind, author, bytes, bodyPath == "-" ? "stdin" : bodyPath);
            using var node = RecordOptions.Open(parse, db, keyring);
            var regimes = VerificationHistory.LoadRegimes(session.Scenario, parse.GetValue(VerificationContext.RegimesOption));
            var written = StatementAuthoring.AppendStep(node, regimes, session.Scenario, step, bytes, parse.GetValue(key), DateTimeOffset.UtcNow);
            if (written.Enrolled is not null)
            {
                session.Output.WriteLine($"enrolled {written.Enrolled} as {author}'s first key in this record");
            }

            session.Output.WriteLine($"appended {kind.WireName()} by {written.Statement.Author} seq {written.Statement.Sequence} at log index {written.Index}");
            return 0;
        });
    }
}
