using System.Net;
using Detente.Node.Witnessing;
using Detente.Storage;

namespace Detente.Cli.Records;

/// <summary>
/// The witness's HTTP edge on loopback (C2SP tlog-witness); what each request means and its answer are <see cref="WitnessHost"/>'s.
/// Each request is answered on its own task, so one slow or silent client cannot hold the others: a body must arrive whole within
/// <see cref="WitnessLimits.BodyTimeout"/> (else the connection is dropped) and at most <see cref="WitnessLimits.MaxConcurrentBodies"/>
/// bodies are read at once (others get 503 unread).
/// </summary>
internal sealed class WitnessServer(string endpoint, WitnessHost host, TextWriter log) : IDisposable
{
    private readonly HttpListener _listener = new() { Prefixes = { $"http://{endpoint}/" } };
    private readonly SemaphoreSlim _bodies = new(host.Limits.MaxConcurrentBodies, host.Limits.MaxConcurrentBodies);

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
            var request = context.Request;
            if (host.Route(request.HttpMethod, request.Url?.AbsolutePath ?? "", request.ContentLength64) is { } reply)
            {
                Answer(context.Response, reply);
                return;
            }

            if (!_bodies.Wait(0))
            {
                Answer(context.Response, WitnessReply.Busy);
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

            if (body is not null)
            {
                Answer(context.Response, host.AddCheckpoint(body));
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or RecordStoreException or ObjectDisposedException)
        {
            Log($"request failed: {e.Message}");
            Answer(context.Response, WitnessReply.Failed);
        }
    }

    /// <summary>The whole body within the deadline, or null after answering 413 or dropping a client too slow to send it.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        var deadline = DateTime.UtcNow + host.Limits.BodyTimeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var read = remaining > TimeSpan.Zero ? context.Request.InputStream.ReadAsync(buffer).AsTask() : null;
            if (read is null || await Task.WhenAny(read, Task.Delay(remaining)).ConfigureAwait(false) != read)
            {
                // Too slow: answer 408 and close the connection (the pending read then ends and is observed below); nothing was persisted.
                Log($"dropped a client that did not send its body within {host.Limits.BodyTimeout.TotalSeconds:0.#} s");
                Answer(context.Response, WitnessReply.TooSlow);
                _ = read?.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                return null;
            }

            var n = await read.ConfigureAwait(false);
            if (n == 0)
            {
                return body.ToArray();
            }

            body.Write(buffer, 0, n);
            if (body.Length > host.Limits.MaxRequestBytes)
            {
                Answer(context.Response, WitnessReply.TooLarge);
                return null;
            }
        }
    }

    private static void Answer(HttpListenerResponse response, WitnessReply reply)
    {
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(reply.Body);
            if (reply.Header is { } header)
            {
                response.AddHeader(header.Name, header.Value);
            }

            (response.StatusCode, response.ContentType, response.ContentLength64) = (reply.Status, reply.ContentType, bytes.Length);

            if (reply.Close)
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
        lock (log)
        {
            log.WriteLine(line);
            log.Flush();
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
