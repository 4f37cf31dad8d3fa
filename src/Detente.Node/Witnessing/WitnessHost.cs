using System.Net;
using System.Security.Cryptography;
using System.Text;
using Detente.Record.Driver;
using Detente.Record.Keys;
using Detente.Record.Witness;
using Detente.Storage;

namespace Detente.Node.Witnessing;

/// <summary>How long a witness waits for a request body, and how many bodies it reads at once.</summary>
/// <param name="BodyTimeout">The whole body must arrive within this time of the request's headers; a slower client is disconnected.</param>
/// <param name="MaxConcurrentBodies">Bodies read at the same time; a request beyond them is answered 503 at once, unread.</param>
/// <param name="MaxRequestBytes">The largest body accepted (413 beyond).</param>
public sealed record WitnessLimits(TimeSpan BodyTimeout, int MaxConcurrentBodies, int MaxRequestBytes)
{
    /// <summary>10 seconds per body, 16 bodies at once, 64 KiB (63 proof lines and a checkpoint with many signatures fit well within it).</summary>
    public static WitnessLimits Default { get; } = new(TimeSpan.FromSeconds(10), 16, 64 * 1024);
}

/// <summary>A witness's answer to one request, for the transport to send.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The body, as text.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Close">True when the request's body was not read, so the connection cannot carry another request.</param>
/// <param name="Header">One header to add (<c>Allow</c>, <c>Retry-After</c>), if any.</param>
public sealed record WitnessReply(int Status, string Body, string ContentType = WitnessReply.Text, bool Close = false, (string Name, string Value)? Header = null)
{
    /// <summary>The media type of the witness's plain answers.</summary>
    public const string Text = "text/plain; charset=utf-8";

    /// <summary>The answer to a body larger than <see cref="WitnessLimits.MaxRequestBytes"/>.</summary>
    public static WitnessReply TooLarge { get; } = new(413, "request body too large\n", Close: true);

    /// <summary>The answer when <see cref="WitnessLimits.MaxConcurrentBodies"/> bodies are being read already.</summary>
    public static WitnessReply Busy { get; } = new(503, "too many requests in progress; retry\n", Close: true, Header: ("Retry-After", "1"));

    /// <summary>The answer to a client that did not send its body within <see cref="WitnessLimits.BodyTimeout"/>.</summary>
    public static WitnessReply TooSlow { get; } = new(408, "request body not received in time\n", Close: true);

    /// <summary>The answer when the witness's state could not be read or persisted.</summary>
    public static WitnessReply Failed { get; } = new(503, "the witness could not persist its state; retry\n");
}

/// <summary>
/// The witness's side of C2SP tlog-witness without the transport: which request is which (<c>POST /add-checkpoint</c>,
/// <c>GET /&lt;sha256(origin) hex&gt;/checkpoint</c>), the answers to wrong methods and paths, and the decision on a checkpoint, whose new
/// state the store persists before the answer is returned. The transport (the command line's loopback listener, a server's endpoint)
/// reads the body within <see cref="Limits"/> and sends the replies.
/// </summary>
public sealed class WitnessHost : IDisposable
{
    private readonly CheckpointWitness _witness;
    private readonly IRecordStore _store;
    private readonly Dictionary<string, string> _byHash;
    private readonly SemaphoreSlim _bodies;

    /// <summary>A witness that cosigns <paramref name="logs"/> with <paramref name="witness"/>'s key, keeping its state in <paramref name="store"/>.</summary>
    public WitnessHost(CheckpointWitness witness, IRecordStore store, IEnumerable<WitnessedLog> logs, WitnessLimits limits)
    {
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logs);
        _witness = witness;
        _store = store;
        _byHash = logs.ToDictionary(l => OriginHash(l.Origin), l => l.Origin, StringComparer.Ordinal);
        Limits = limits;
        _bodies = new SemaphoreSlim(limits.MaxConcurrentBodies, limits.MaxConcurrentBodies);
    }


    /// <summary>The limits the transport applies to each request.</summary>
    public WitnessLimits Limits { get; }

    /// <summary>The logs witnessed, by their origins.</summary>
    public IEnumerable<string> Origins => _byHash.Values;

    /// <summary>The witness's cosigner verifier key.</summary>
    public VerifierKey CosignerKey => _witness.CosignerKey;

    /// <summary>Groups log verifier keys by name (a log's origin): the logs a witness cosigns.</summary>
    public static List<WitnessedLog> Logs(IEnumerable<VerifierKey> keys) => [.. keys.GroupBy(k => k.Name).Select(g => new WitnessedLog(g.Key, [.. g]))];

    /// <summary>The lower-case hex SHA-256 of a log's origin: how tlog-witness names a log in monitoring URLs.</summary>
    public static string OriginHash(string origin) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin)));

    /// <summary>Parses <c>HOST:PORT</c> and refuses anything but a loopback address: the witness binds loopback only.</summary>
    public static string LoopbackEndpoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new NodeException($"--listen: expected HOST:PORT like 127.0.0.1:7380, found '{text}'");
        }

        var host = text[..colon].Trim('[', ']');
        if (!(host == "localhost" || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)))
        {
            throw new NodeException($"--listen: '{host}' is not a loopback address; the witness binds loopback only (put a reverse proxy in front)");
        }

        return host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
    }

    /// <summary>
    /// Answers a request that needs no body (a checkpoint for monitors, a wrong path or method, a body announced too large); null when
    /// it is an add-checkpoint whose body the transport must read and give to <see cref="AddCheckpoint"/>.
    /// </summary>
    public WitnessReply? Route(string method, string path, long contentLength)
    {
        if (path.Length == 1 + 64 + "/checkpoint".Length && path.EndsWith("/checkpoint", StringComparison.Ordinal))
        {
            return Checkpoint(method, _byHash.GetValueOrDefault(path[1..65]));
        }

        if (path != "/add-checkpoint")
        {
            return new(404, "not found: POST /add-checkpoint or GET /<sha256(origin) hex>/checkpoint\n");
        }

        if (method != "POST")
        {
            return new(405, "method not allowed: POST /add-checkpoint\n", Header: ("Allow", "POST"));
        }

        return contentLength > Limits.MaxRequestBytes ? WitnessReply.TooLarge : null;
    }

    /// <summary>
    /// Answers one request: <see cref="Route"/>, then for an add-checkpoint its body read from <paramref name="body"/> within the limits —
    /// the whole body within <see cref="WitnessLimits.BodyTimeout"/> (else <see cref="WitnessReply.TooSlow"/>), at most
    /// <see cref="WitnessLimits.MaxConcurrentBodies"/> read at once (else <see cref="WitnessReply.Busy"/>, unread), no more than
    /// <see cref="WitnessLimits.MaxRequestBytes"/> (else <see cref="WitnessReply.TooLarge"/>) — and decided by <see cref="AddCheckpoint"/>.
    /// <paramref name="log"/> is told when a client is dropped for not sending its body in time.
    /// </summary>
    public async Task<WitnessReply> AnswerAsync(string method, string path, long contentLength, Stream body, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Route(method, path, contentLength) is { } reply)
        {
            return reply;
        }

        if (!_bodies.Wait(0))
        {
            return WitnessReply.Busy;
        }

        try
        {
            var (bytes, refused) = await ReadBodyAsync(body, log).ConfigureAwait(false);
            return refused ?? AddCheckpoint(bytes!);
        }
        finally
        {
            _bodies.Release();
        }
    }

    /// <summary>The whole body within the deadline, or the answer that refuses it (too slow, too large).</summary>
    private async Task<(byte[]? Body, WitnessReply? Refused)> ReadBodyAsync(Stream stream, Action<string>? log)
    {
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        var deadline = DateTime.UtcNow + Limits.BodyTimeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var read = remaining > TimeSpan.Zero ? stream.ReadAsync(buffer).AsTask() : null;
            if (read is null || await Task.WhenAny(read, Task.Delay(remaining)).ConfigureAwait(false) != read)
            {
                // Too slow: the transport answers 408 and closes the connection (the pending read then ends and is observed here).
                log?.Invoke($"dropped a client that did not send its body within {Limits.BodyTimeout.TotalSeconds:0.#} s");
                _ = read?.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                return (null, WitnessReply.TooSlow);
            }

            var n = await read.ConfigureAwait(false);
            if (n == 0)
            {
                return (body.ToArray(), null);
            }

            body.Write(buffer, 0, n);
            if (body.Length > Limits.MaxRequestBytes)
            {
                return (null, WitnessReply.TooLarge);
            }
        }
    }

    /// <summary>Releases the count of bodies being read.</summary>
    public void Dispose() => _bodies.Dispose();

    /// <summary>Decides an add-checkpoint request; the store checks the old size and persists the new state in one transaction first.</summary>
    public WitnessReply AddCheckpoint(byte[] body)
    {
        var response = WitnessState.AddCheckpoint(_store, _witness, body, DateTimeOffset.UtcNow);
        return new(response.StatusCode, response.Body, response.ContentType);
    }

    /// <summary>The latest checkpoint this witness cosigned for a log, with the log's signatures it verified and its cosignature.</summary>
    private WitnessReply Checkpoint(string method, string? origin)
    {
        if (method is not ("GET" or "HEAD"))
        {
            return new(405, "method not allowed: GET /<sha256(origin) hex>/checkpoint\n", Header: ("Allow", "GET"));
        }

        if (origin is null)
        {
            return new(404, "this witness does not witness a log with that origin hash\n");
        }

        // No checkpoint is also the answer for state persisted before the cosigned checkpoint was kept: the next add-checkpoint fills it.
        return _store.Witnessed(origin)?.Checkpoint is { } checkpoint ? new(200, checkpoint.ToString()) : new(404, $"no cosigned checkpoint of {origin} yet\n");
    }
}
