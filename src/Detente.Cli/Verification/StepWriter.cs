using System.CommandLine;
using System.Text;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Projection;
using Detente.Record.Canonical;
using Detente.Record.Statements;
using Detente.Verification.Inspections;
using Detente.Verification.Steps;

namespace Detente.Cli.Verification;

/// <summary>
/// The verbs that state a step (<c>inspections request</c>, <c>consultations answer</c>, …): the body is read and checked
/// field by field, then checked by the state machine against the regime and the record's history; only then is it signed
/// with the party's key from the keyring, appended and integrated. A rejected step writes nothing.
/// </summary>
internal static class StepWriter
{
    public static Command Verb(CliOptions options, string name, string kind, string description)
    {
        var party = new Option<string>("--party") { Description = "The author party; its key in the keyring signs.", Required = true };
        var body = new Option<string>("--body") { Description = "The step's body: a file holding a JSON object (schema in docs/verification.md), or - for standard input.", Required = true };
        var key = new Option<string?>("--key") { Description = "Sign with this keyring key (by name) instead of the party's live key." };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command(name, description) { party, body, key, db, keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var author = Commands.KeysCommand.Party(parse.GetValue(party)!);
            var bodyPath = parse.GetValue(body)!;
            var bytes = InputBody.Read(bodyPath, "--body");
            if (bytes.AsSpan().StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }

            var step = VerificationContext.Guard(() => StepReader.Read(kind, author, bytes, bodyPath == "-" ? "stdin" : bodyPath));
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));

            // Opening the appender integrates what an earlier run left pending, so the history below is the whole record's.
            _ = node.Appender;

            var regimes = VerificationContext.LoadRegimes(session, parse.GetValue(VerificationContext.RegimesOption));
            var ledger = VerificationLedger.Replay(regimes, session.Scenario, VerificationContext.StepsOf(node.Store));
            var check = ledger.Check(step);
            if (!check.Accepted)
            {
                throw new UsageException($"{step.Where}: {kind} rejected: {check.Reason}; nothing was written");
            }

            var now = DateTimeOffset.UtcNow;
            var canonical = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(bytes));

            // The envelope (kind, author, key, sequence, time, signature) takes well under 1 KiB: refuse before any key is used.
            if (Encoding.UTF8.GetByteCount(canonical) > SignedStatement.MaxEntryBytes - 1024)
            {
                throw new UsageException($"{step.Where}: the body is {Encoding.UTF8.GetByteCount(canonical):N0} bytes; a step's body is at most "
                    + $"{SignedStatement.MaxEntryBytes - 1024:N0} bytes so that its statement fits in one entry; nothing was written");
            }
            if (!StatementKinds.TryParse(kind, out var statementKind))
            {
                throw new InvalidOperationException("no statement kind " + kind);
            }

            using var signing = node.SigningKeyFor(author, parse.GetValue(key), out var enrol);
            var entry = RecordNode.Sign(node.Store, statementKind.Value, author, signing, canonical, now);
            var appended = node.Submit(entry, author, enrol);
            if (!appended.IsAccepted)
            {
                throw new UsageException(appended.Message!);
            }

            if (enrol is not null)
            {
                session.Output.WriteLine($"enrolled {enrol} as {author}'s first key in this record");
            }

            var written = appended.Statements[0];
            var s = written.Check.Statement!.Statement;
            session.Output.WriteLine($"appended {kind} by {s.Author} seq {s.Sequence} at log index {written.Index}");
            return 0;
        })));
        return command;
    }
}
