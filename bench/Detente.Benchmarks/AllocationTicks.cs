using System.Diagnostics.Tracing;
using System.Globalization;

namespace Detente.Benchmarks;

/// <summary>
/// The runtime's allocation samples (its <c>GCAllocationTick</c> event, about one per 100 KB allocated, and one per large object)
/// summed by type and heap while it listens: where the bytes of a follow go, without a profiler. For <c>follow-node ... allocations</c>.
/// </summary>
internal sealed class AllocationTicks : EventListener
{
    private readonly Dictionary<(string Type, string Heap), (long Bytes, int Ticks)> _byType = [];
    private readonly Lock _gate = new();

    /// <summary>Whether samples are counted (the listener is created before the follows, so setup is left out).</summary>
    public bool Counting { get; set; }

    /// <summary>The <paramref name="top"/> types with the most sampled bytes, one a line.</summary>
    public string Summary(int top)
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _byType.OrderByDescending(kv => kv.Value.Bytes).Take(top).Select(kv =>
                string.Create(CultureInfo.InvariantCulture, $"  {kv.Value.Bytes / 1024.0 / 1024:0.0} MiB in {kv.Value.Ticks} samples, {kv.Key.Heap}: {kv.Key.Type}")));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // The GC keyword at verbose level carries the allocation tick.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Counting || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)
            || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        var type = payload[names.IndexOf("TypeName")] as string ?? "?";
        var kind = Convert.ToInt32(payload[names.IndexOf("AllocationKind")], CultureInfo.InvariantCulture);
        var amount = names.IndexOf("AllocationAmount64") is >= 0 and var i
            ? Convert.ToInt64(payload[i], CultureInfo.InvariantCulture)
            : Convert.ToInt64(payload[names.IndexOf("AllocationAmount")], CultureInfo.InvariantCulture);
        var heap = kind switch { 0 => "small", 1 => "large", _ => "pinned" };
        lock (_gate)
        {
            var (bytes, ticks) = _byType.GetValueOrDefault((type, heap));
            _byType[(type, heap)] = (bytes + amount, ticks + 1);
        }
    }
}
