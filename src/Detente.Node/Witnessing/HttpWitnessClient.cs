using System.Globalization;
using System.Net.Http.Headers;

namespace Detente.Node.Witnessing;

/// <summary>A witness reached over HTTP: <c>POST {url}/add-checkpoint</c> (tlog-witness). The protocol itself is <see cref="Cosigning"/>'s.</summary>
/// <remarks>A network failure or no answer within the timeout is a <see cref="NodeException"/> naming <c>--witness</c>.</remarks>
public sealed class HttpWitnessClient : IWitnessClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    /// <summary>A client of the witness at <paramref name="url"/> (with or without the trailing <c>/add-checkpoint</c>).</summary>
    public HttpWitnessClient(string url, TimeSpan timeout)
    {
        var trimmed = url.TrimEnd('/');
        Name = trimmed.EndsWith("/add-checkpoint", StringComparison.Ordinal) ? trimmed : trimmed + "/add-checkpoint";
        _timeout = timeout;
        _http = new HttpClient { Timeout = timeout };
    }

    /// <summary>The <c>add-checkpoint</c> URL the checkpoints are posted to.</summary>
    public string Name { get; }

    /// <summary>Posts <paramref name="requestBody"/> and returns the witness's status and body, whatever the status.</summary>
    public async Task<WitnessAnswer> AddCheckpointAsync(byte[] requestBody, CancellationToken cancellation)
    {
        using var content = new ByteArrayContent(requestBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        try
        {
            using var response = await _http.PostAsync(Name, content, cancellation).ConfigureAwait(false);
            return new WitnessAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            throw new NodeException($"--witness {Name}: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new NodeException($"--witness {Name}: no answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (--timeout)");
        }
    }

    /// <summary>Closes the HTTP client.</summary>
    public void Dispose() => _http.Dispose();
}
