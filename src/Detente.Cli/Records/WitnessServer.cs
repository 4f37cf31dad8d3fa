using System.Net;
using Detente.Record.Witness;
using Detente.Storage;

namespace Detente.Cli.Records;

/// <summary>How long a witness waits for a request body, and how many bodies it reads at once.</summary>
/// <param name="BodyTimeout">The whole body must arrive within this time of the request's headers; a slower client is disconnected.</param>
/// <param name="MaxConcurrentBodies">Bodies read at the same time; a request beyond them is answered 503 at once, unread.</param>
/// <param name="MaxRequestBytes">The largest body accepted (413 beyond).</param>
internal sealed record WitnessLimits(TimeSpan BodyTimeout, int MaxConcurrentBodies, int MaxRequestBytes)
{
    /// <summary>10 seconds per body, 16 bodies at once, 64 KiB (63 proof lines and a checkpoint with many signatures fit well within it).</summary>
    public static WitnessLimits Default { get; } = new(TimeSpan.FromSeconds(10), 16, 64 * 1024);
}

/// <summary>
/// The witness's HTTP edge on loopback (C2SP tlog-witness): <c>POST /add-checkpoint</c> and <c>GET /&lt;sha256(origin) hex&gt;/checkpoint</c>.
/// Each request is answered on its own task, so one slow or silent client cannot hold the others: a body must arrive whole within
/// <see cref="WitnessLimits.BodyTimeout"/> (else the connection is dropped) and at most <see cref="WitnessLimits.MaxConcurrentBodies"/>
/// bodies are read at once (others get 503 unread). The store serialises the state it persists.
/// </summary>
internal sealed class WitnessServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CheckpointWitness _witness;
    private readonly IRecordStore _store;
    private readonly IReadOnlyDictionary<string, string> _byHash;
    private readonly WitnessLimits _limits;
    private readonly TextWriter _log;
    private readonly SemaphoreSlim _bodies;

    public WitnessServer(string endpoint, CheckpointWitness witness, IRecordStore store, IReadOnlyDictionary<string, string> byHash, WitnessLimits limits, TextWriter log)
    {
        _witness = witness;
        _store = store;
        _byHash = byHash;
        _limits = limits;
        _log = log;
        _bodies = new SemaphoreSlim(limits.MaxConcurrentBodies, limits.MaxConcurrentBodies);
        _listener.Prefixes.Add($"http://{endpoint}/");
    }

    /// <summary>Starts listening; a port in use or a bad address is a usage error.</summary>
    public void Start()
    {
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new UsageException($"--listen: {e.Message}");
        }
    }

    /// <summary>Accepts requests until stopped, each answered on its own task.</summary>
    public void Run()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or RecordStoreException or ObjectDisposedException)
        {
            Log($"request failed: {e.Message}");
            TryAnswer(context.Response, 503, "the witness could not persist its state; retry\n");
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? "";
        if (path.Length == 1 + 64 + "/checkpoint".Length && path.EndsWith("/checkpoint", StringComparison.Ordinal))
        {
            AnswerCheckpoint(context, _byHash.GetValueOrDefault(path[1..65]));
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

        if (request.ContentLength64 > _limits.MaxRequestBytes)
        {
            TryAnswer(context.Response, 413, "request body too large\n", close: true);
            return;
        }

        if (!_bodies.Wait(0))
        {
            context.Response.AddHeader("Retry-After", "1");
            TryAnswer(context.Response, 503, "too many requests in progress; retry\n", close: true);
            return;
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _bodies.Release();
        }

        if (body is null)
        {
            return;
        }

        // The store checks the old size and persists the new state in one transaction before we answer.
        var response = Detente.Record.Driver.WitnessState.AddCheckpoint(_store, _witness, body, DateTimeOffset.UtcNow);
        TryAnswer(context.Response, response.StatusCode, response.Body, response.ContentType);
    }

    /// <summary>The whole body within the deadline, or null after answering 413 or dropping a client too slow to send it.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        var deadline = DateTime.UtcNow + _limits.BodyTimeout;
        var stream = context.Request.InputStream;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var read = remaining > TimeSpan.Zero ? stream.ReadAsync(buffer).AsTask() : null;
            if (read is null || await Task.WhenAny(read, Task.Delay(remaining)).ConfigureAwait(false) != read)
            {
                // Too slow: answer 408 and close the connection (the pending read then ends and is observed below); nothing was persisted.
                Log($"dropped a client that did not send its body within {_limits.BodyTimeout.TotalSeconds:0.#} s");
                TryAnswer(context.Response, 408, "request body not received in time\n", close: true);
                if (read is not null)
                {
                    _ = read.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                }

                return null;
            }

            var n = await read.ConfigureAwait(false);
            if (n == 0)
            {
                return body.ToArray();
            }

            body.Write(buffer, 0, n);
            if (body.Length > _limits.MaxRequestBytes)
            {
                TryAnswer(context.Response, 413, "request body too large\n", close: true);
                return null;
            }
        }
    }

    /// <summary>The latest checkpoint this witness cosigned for a log, with the log's signatures it verified and its cosignature.</summary>
    private void AnswerCheckpoint(HttpListenerContext context, string? origin)
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

        if (_store.Witnessed(origin)?.Checkpoint is not { } checkpoint)
        {
            // Also the answer for state persisted before the cosigned checkpoint was kept: the next add-checkpoint fills it.
            TryAnswer(context.Response, 404, $"no cosigned checkpoint of {origin} yet\n");
            return;
        }

        TryAnswer(context.Response, 200, checkpoint.ToString());
    }

    private static void TryAnswer(HttpListenerResponse response, int status, string body, string contentType = "text/plain; charset=utf-8", bool close = false)
    {
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength64 = bytes.Length;
            if (close)
            {
                // The body was not read: the connection cannot carry another request.
                response.KeepAlive = false;
            }

            response.OutputStream.Write(bytes);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away; nothing to tell it.
        }
    }

    private void Log(string line)
    {
        lock (_log)
        {
            _log.WriteLine(line);
            _log.Flush();
        }
    }

    /// <summary>Stops listening.</summary>
    public void Stop()
    {
        if (_listener.IsListening)
        {
            _listener.Stop();
        }
    }

    public void Dispose()
    {
        Stop();
        _listener.Close();
        _bodies.Dispose();
    }
}
