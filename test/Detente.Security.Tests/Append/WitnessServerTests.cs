using System.Net;
using System.Net.Sockets;
using System.Text;
using Detente.Node.Witnessing;
using Detente.Record.Keys;
using Detente.Record.Witness;
using Detente.Storage;
using Microsoft.Data.Sqlite;

namespace Detente.Security.Tests.Append;

/// <summary>
/// Attack 5 on real loopback sockets: a client that sends its headers and then holds (or trickles) its body must not stop the witness
/// answering others; it is dropped after the body deadline, and beyond the cap on bodies read at once others get 503 at once.
/// No assertion depends on speed: each waits for an event, with a generous limit only against hangs.
/// </summary>
public sealed class WitnessServerTests : IDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-security-witness-").FullName;
    private readonly SigningKey _witnessKey = SigningKey.Generate("witness.detente.test");
    private readonly SigningKey _log = SigningKey.Generate("foreign.detente.test");
    private readonly IRecordStore _store;
    private WitnessServer? _server;
    private Thread? _thread;

    public WitnessServerTests() => _store = RecordStores.Open(Path.Combine(_dir, "witness.db"), "witness-log.detente.test");

    public void Dispose()
    {
        _server?.Dispose();
        _thread?.Join(Hang);
        _store.Dispose();
        _witnessKey.Dispose();
        _log.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private int Start(WitnessLimits limits)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var witness = new CheckpointWitness(_witnessKey, [new WitnessedLog(_log.Name, [_log.NoteKey])]);
        _server = new WitnessServer($"127.0.0.1:{port}", new WitnessHost(witness, _store, [], limits), TextWriter.Null);
        _server.Start();
        _thread = new Thread(_server.Run) { IsBackground = true };
        _thread.Start();
        return port;
    }

    /// <summary>A client that sends a POST's headers announcing 100 bytes and then only <paramref name="sent"/> of them.</summary>
    private static TcpClient SlowClient(int port, int sent)
    {
        var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes($"POST /add-checkpoint HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 100\r\n\r\n"));
        stream.Write(new byte[sent]);
        stream.Flush();
        return client;
    }

    private static async Task<(int Status, string Body)> Get(int port, string path)
    {
        using var http = new HttpClient { Timeout = Hang };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> Post(int port, string body)
    {
        using var http = new HttpClient { Timeout = Hang };
        using var content = new StringContent(body);
        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/add-checkpoint"), content);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task HeldBody_OtherRequestsStillAnswered()
    {
        var port = Start(WitnessLimits.Default with { BodyTimeout = Hang });
        using var slow = SlowClient(port, 10);
        var (status, _) = await Get(port, "/" + new string('0', 64) + "/checkpoint");
        Assert.Equal(404, status);
        Assert.Equal(400, await Post(port, "not a checkpoint request"));
        Assert.True(slow.Connected);
    }

    [Fact]
    public async Task HeldBody_DroppedAfterTheBodyDeadline()
    {
        var port = Start(WitnessLimits.Default with { BodyTimeout = TimeSpan.FromMilliseconds(200) });
        using var slow = SlowClient(port, 10);
        var received = new MemoryStream();
        var buffer = new byte[1024];
        try
        {
            // Until the server closes the connection (whatever it says first, it must not wait for the rest of the body).
            int read;
            while ((read = await slow.GetStream().ReadAsync(buffer).AsTask().WaitAsync(Hang)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset by the server: dropped.
        }

        var said = Encoding.ASCII.GetString(received.ToArray());
        Assert.StartsWith("HTTP/1.1 408", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TricklingBody_DroppedAfterTheBodyDeadline_OthersAnsweredMeanwhile()
    {
        var port = Start(WitnessLimits.Default with { BodyTimeout = TimeSpan.FromMilliseconds(500) });
        using var slow = SlowClient(port, 1);
        var stream = slow.GetStream();
        var dropped = Task.Run(async () =>
        {
            for (var i = 0; i < 99; i++)
            {
                try
                {
                    await Task.Delay(100);
                    await stream.WriteAsync(new byte[1]);
                }
                catch (IOException)
                {
                    return true;
                }
            }

            // All 100 bytes sent: the server must not have waited for them.
            var buffer = new byte[1024];
            try
            {
                return await stream.ReadAsync(buffer) == 0;
            }
            catch (IOException)
            {
                return true;
            }
        });
        Assert.Equal(404, (await Get(port, "/" + new string('1', 64) + "/checkpoint")).Status);
        Assert.True(await dropped.WaitAsync(Hang));
    }

    [Fact]
    public async Task BodiesBeyondTheCap_Answered503AtOnce_ReadsStillAnswered()
    {
        var port = Start(WitnessLimits.Default with { BodyTimeout = Hang, MaxConcurrentBodies = 1 });
        using var slow = SlowClient(port, 10);

        // The slow body holds the only slot once the server has begun reading it; wait for that, without timing.
        // A count of tries is not enough on a busy machine (the slow client's connection may wait for a thread); the clock only guards
        // against a hang.
        int status;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            status = await Post(port, "not a checkpoint request");
            if (status == 400)
            {
                await Task.Delay(5);
            }
        }
        while (status == 400 && waited.Elapsed < Hang);

        Assert.Equal(503, status);
        Assert.Equal(404, (await Get(port, "/" + new string('2', 64) + "/checkpoint")).Status);
    }
}
