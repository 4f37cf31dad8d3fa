using System.Net;
using Detente.Storage;

namespace Detente.Node.Witnessing;

/// <summary>
/// The witness's HTTP edge on loopback (C2SP tlog-witness); what a request means, its limits and its answer are <see cref="WitnessHost"/>'s.
/// Each request is answered on its own task, so one slow or silent client cannot hold the others; <paramref name="log"/> is told of
/// every request that failed (and written to under a lock).
/// </summary>
/// <param name="endpoint">The loopback <c>HOST:PORT</c>, as <see cref="WitnessHost.LoopbackEndpoint"/> gives it.</param>
/// <param name="host">What a request means and how it is answered.</param>
/// <param name="log">Where failed requests are told.</param>
public sealed class WitnessServer(string endpoint, WitnessHost host, TextWriter log) : IDisposable
{
    private readonly HttpListener _listener = new() { Prefixes = { $"http://{endpoint}/" } };

    /// <summary>Starts listening; a port in use or a bad address is a <see cref="NodeException"/> naming <c>--listen</c>.</summary>
    public void Start()
    {
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new NodeException($"--listen: {e.Message}");
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
        var request = context.Request;
        try
        {
            Answer(context.Response, await host.AnswerAsync(request.HttpMethod, request.Url?.AbsolutePath ?? "", request.ContentLength64, request.InputStream,
                Log).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpListenerException or IOException or RecordStoreException or ObjectDisposedException)
        {
            Log($"request failed: {e.Message}");
            Answer(context.Response, WitnessReply.Failed);
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

    /// <summary>Stops listening; <see cref="Run"/> returns.</summary>
    public void Dispose()
    {
        if (_listener.IsListening)
        {
            _listener.Stop();
        }

        _listener.Close();
    }
}
