using System.CommandLine;
using System.Net;
using Detente.Cli.Records;
using Detente.Node.Appending;
using Detente.Node.Projection;
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
        var keyring = RecordOptions.Keyring();
        var command = new Command("vkey", "Print the witness's cosigner verifier key (type 0x04); the key is created in the keyring on first use.") { keyring };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            using var node = new RecordNode(RecordOptions.DbPath(null), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            session.Output.WriteLine(node.WitnessKeyEntry().VerifierKey().ToString());
            return 0;
        })));
        return command;
    }

    private static Command Serve(CliOptions options)
    {
        var listen = new Option<string>("--listen") { Description = "The loopback address and port to listen on, e.g. 127.0.0.1:7380.", Required = true };
        var logs = new Option<string[]>("--log") { Description = "The verifier key of a log to witness (repeatable); its name is the log's origin.", Required = true };
        var db = RecordOptions.Db();
        var keyring = RecordOptions.Keyring();
        var command = new Command("serve", "Serve POST /add-checkpoint and GET /<sha256(origin) hex>/checkpoint (tlog-witness) on loopback; "
            + "state is persisted in the record's database before each answer.")
        {
            listen, logs, db, keyring,
        };
        command.SetAction(parse => options.Run(parse, session => RecordOptions.Guard(() =>
        {
            var endpoint = Endpoint(parse.GetValue(listen)!);
            var witnessed = (parse.GetValue(logs) ?? []).Select(VerifierKey.Parse).GroupBy(k => k.Name)
                .Select(g => new WitnessedLog(g.Key, [.. g])).ToList();
            using var node = new RecordNode(RecordOptions.DbPath(parse.GetValue(db)), RecordOptions.KeyringPath(parse.GetValue(keyring)));
            using var key = node.WitnessKeyEntry().Open();
            var witness = new CheckpointWitness(key, witnessed);
            var byHash = witnessed.ToDictionary(l => OriginHash(l.Origin), l => l.Origin, StringComparer.Ordinal);
            using var server = new WitnessServer(endpoint, witness, node.Store, byHash, WitnessLimits.Default, session.Output);
            server.Start();
            session.Output.WriteLine($"witness {witness.CosignerKey} listening on http://{endpoint}/add-checkpoint for {string.Join(", ", witnessed.Select(l => l.Origin))}");
            session.Output.Flush();
            server.Run();
            return 0;
        })));
        return command;
    }

    /// <summary>Parses <c>HOST:PORT</c> and refuses anything but a loopback address.</summary>
    public static string Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new UsageException($"--listen: expected HOST:PORT like 127.0.0.1:7380, found '{text}'");
        }

        var host = text[..colon].Trim('[', ']');
        if (!(host == "localhost" || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)))
        {
            throw new UsageException($"--listen: '{host}' is not a loopback address; the witness binds loopback only (put a reverse proxy in front)");
        }

        return host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
    }

    /// <summary>The lower-case hex SHA-256 of a log's origin: how tlog-witness names a log in monitoring URLs.</summary>
    public static string OriginHash(string origin) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(origin)));
}
