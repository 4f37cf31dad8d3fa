using System.Diagnostics;
using System.Globalization;
using Detente.Core;
using Detente.Record.Keys;

namespace Detente.Storage.Tests.Durability;

/// <summary>A writer child process (test/Detente.Storage.Writer) and what it acknowledged before it ended or was killed.</summary>
internal sealed class Writer : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly List<string> _errors = [];
    private long _acknowledged;
    private bool _ended;

    private Writer(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _ready.TrySetResult();
                lock (_gate)
                {
                    _ended = true;
                    Monitor.PulseAll(_gate);
                }

                return;
            }

            if (e.Data == "ready")
            {
                _ready.TrySetResult();
            }
            else if (e.Data.StartsWith("ack ", StringComparison.Ordinal))
            {
                lock (_gate)
                {
                    _acknowledged = long.Parse(e.Data[4..], CultureInfo.InvariantCulture);
                    Monitor.PulseAll(_gate);
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_gate)
                {
                    _errors.Add(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The highest sequence number the writer reported as durably appended.</summary>
    public long Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged;
            }
        }
    }

    /// <summary>What the writer wrote to its standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_gate)
            {
                return string.Join(Environment.NewLine, _errors);
            }
        }
    }

    public static string KeyName(PartyId party) => $"writer.detente.test/{party.Code}";

    /// <summary>The writer's statement key for <paramref name="party"/> (a demo key; the store must enrol it).</summary>
    public static SigningKey Key(PartyId party) => SigningKey.Demo(KeyName(party));

    public static Writer Start(string connection, string origin, PartyId party, long count, int seed)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Detente.Storage.Writer.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, connection, origin, party.Code, count.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        return new Writer(Process.Start(start) ?? throw new InvalidOperationException("could not start the writer"));
    }

    /// <summary>Waits until the writer has opened the store (or ended).</summary>
    public bool WaitReady(TimeSpan timeout) => _ready.Task.Wait(timeout);

    /// <summary>
    /// Waits until the writer has acknowledged sequence <paramref name="sequence"/> or later; false when it ended first or
    /// <paramref name="hangGuard"/> passed (a guard against a hung writer only, never a measure of speed).
    /// </summary>
    public bool WaitAcknowledged(long sequence, TimeSpan hangGuard)
    {
        var deadline = DateTime.UtcNow + hangGuard;
        lock (_gate)
        {
            while (_acknowledged < sequence && !_ended)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(_gate, left);
            }

            return _acknowledged >= sequence;
        }
    }

    /// <summary>Kills the writer with SIGKILL and waits for it to be gone.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException("the writer did not finish in time");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
