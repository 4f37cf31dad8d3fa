using System.CommandLine;
using Detente.Cli.Records;
using Detente.Node.Appending;
using Detente.Node.Witnessing;
using Detente.Record.Keys;
using Detente.Record.Witness;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente witness</c>: cosign other logs' checkpoints over HTTP (C2SP tlog-witness <c>add-checkpoint</c>), and serve the latest
/// cosigned checkpoint of each log to monitors (tlog-witness <c>GET &lt;origin hash&gt;/checkpoint</c>, C2SP main branch).
/// </summary>
internal static class WitnessCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("witness", "Witness other logs: cosign their checkpoints when they are consistent with what was cosigned before.");
        command.Subcommands.Add(Vkey(options));
        command.Subcommands.Add(Serve(options));
        return command;
    }

    private static Command Vkey(CliOptions options)
    {
        return options.Verb("vkey", "Print the witness's cosigner verifier key (type 0x04); the key is created in the keyring on first use.", [RecordOptions.Keyring()], (parse, session) =>
        {
            using var node = new RecordNode(RecordOptions.DbPath((string?)null), RecordOptions.KeyringPath(parse));
            session.Output.WriteLine(node.WitnessKeyEntry().VerifierKey().ToString());
            return 0;
        });
    }

    private static Command Serve(CliOptions options)
    {
        var listen = new Option<string>("--listen") { Description = "The loopback address and port to listen on, e.g. 127.0.0.1:7380.", Required = true };
        var logs = new Option<string[]>("--log") { Description = "The verifier key of a log to witness (repeatable); its name is the log's origin.", Required = true };
        return options.Verb("serve", "Serve POST /add-checkpoint and GET /<sha256(origin) hex>/checkpoint (tlog-witness) on loopback; "
            + "state is persisted in the record's database before each answer.", [listen, logs, RecordOptions.Db(), RecordOptions.Keyring()], (parse, session) =>
        {
            var endpoint = WitnessHost.LoopbackEndpoint(parse.GetValue(listen)!);
            var witnessed = WitnessHost.Logs((parse.GetValue(logs) ?? []).Select(VerifierKey.Parse));
            using var node = RecordOptions.Open(parse);
            using var key = node.WitnessKeyEntry().Open();
            using var host = new WitnessHost(new CheckpointWitness(key, witnessed), node.Store, witnessed, WitnessLimits.Default);
            using var server = new WitnessServer(endpoint, host, session.Output);
            server.Start();
            session.Output.WriteLine($"witness {host.CosignerKey} listening on http://{endpoint}/add-checkpoint for {string.Join(", ", host.Origins)}");
            session.Output.Flush();
            server.Run();
            return 0;
        });
    }
}
