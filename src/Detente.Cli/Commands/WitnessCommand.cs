using System.CommandLine;
using System.Net;
using Detente.Cli.Records;
using Detente.Record.Keys;
using Detente.Record.Witness;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente witness</c>: cosign other logs' checkpoints over HTTP (C2SP tlog-witness <c>add-checkpoint</c>), and serve the latest
/// cosigned checkpoint of each log to monitors (tlog-witness <c>GET &lt;origin hash&gt;/checkpoint</c>, C2SP main branch).
/// </summary>
internal static class WitnessCommand
{
    /// <summary>The largest request body accepted: 63 proof lines and a checkpoint with many signatures fit well within it.</summary>
    private const int MaxRequestBytes = 64 * 1024;

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
            var store = node.Store;
            using var listener = new HttpListener();
            listener.Prefixes.Add($"http://{endpoint}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException e)
            {
                throw new UsageException($"--listen {endpoint}: {e.Message}");
            }

            var byHash = witnessed.ToDictionary(l => OriginHash(l.Origin), l => l.Origin, StringComparer.Ordinal);
            session.Output.WriteLine($"witness {witness.CosignerKey} listening on http://{endpoint}/add-checkpoint for {string.Join(", ", witnessed.Select(l => l.Origin))}");
            session.Output.Flush();
            while (listener.IsListening)
            {
                var context = listener.GetContext();
                try
                {
                    Answer(context, witness, store, byHash);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or Storage.RecordStoreException)
                {
                    session.Output.WriteLine($"request failed: {e.Message}");
                    TryAnswer(context.Response, 503, "the witness could not persist its state; retry\n");
                }
            }

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

    private static void Answer(HttpListenerContext context, CheckpointWitness witness, Storage.IRecordStore store, Dictionary<string, string> byHash)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? "";
        if (path.Length == 1 + 64 + "/checkpoint".Length && path.EndsWith("/checkpoint", StringComparison.Ordinal))
        {
            AnswerCheckpoint(context, store, byHash.GetValueOrDefault(path[1..65]));
            return;
        }

        if (path != "/add-checkpoint")
        {
            TryAnswer(context.Response, 404, "not found: POST /add-checkpoint or GET /<sha256(origin) hex>/checkpoint\n");
            return;
        }

        if (request.HttpMethod != "POST")
        {
            context.Response.AddHeader("Allow", "POST");
            TryAnswer(context.Response, 405, "method not allowed: POST /add-checkpoint\n");
            return;
        }

        if (request.ContentLength64 > MaxRequestBytes)
        {
            TryAnswer(context.Response, 413, "request body too large\n");
            return;
        }

        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = request.InputStream.Read(buffer)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxRequestBytes)
            {
                TryAnswer(context.Response, 413, "request body too large\n");
                return;
            }
        }

        // The store checks the old size and persists the new state in one transaction before we answer.
        var response = store.Witness(witness, body.ToArray(), DateTimeOffset.UtcNow);
        TryAnswer(context.Response, response.StatusCode, response.Body, response.ContentType);
    }

    /// <summary>The latest checkpoint this witness cosigned for a log, with the log's signatures it verified and its cosignature.</summary>
    private static void AnswerCheckpoint(HttpListenerContext context, Storage.IRecordStore store, string? origin)
    {
        if (context.Request.HttpMethod is not ("GET" or "HEAD"))
        {
            context.Response.AddHeader("Allow", "GET");
            TryAnswer(context.Response, 405, "method not allowed: GET /<sha256(origin) hex>/checkpoint\n");
            return;
        }

        if (origin is null)
        {
            TryAnswer(context.Response, 404, "this witness does not witness a log with that origin hash\n");
            return;
        }

        if (store.Witnessed(origin)?.Checkpoint is not { } checkpoint)
        {
            // Also the answer for state persisted before the cosigned checkpoint was kept: the next add-checkpoint fills it.
            TryAnswer(context.Response, 404, $"no cosigned checkpoint of {origin} yet\n");
            return;
        }

        TryAnswer(context.Response, 200, checkpoint.ToString());
    }

    private static void TryAnswer(HttpListenerResponse response, int status, string body, string contentType = "text/plain; charset=utf-8")
    {
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
            response.Close();
        }
        catch (HttpListenerException)
        {
            // The client went away; nothing to tell it.
        }
    }
}
