using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>
/// An immutable sequence that grows by appending, for the facts of a scenario or a world that grows as statements arrive: the array
/// it was built from (its head) and the items appended since, in a buffer that the versions grown one from another share. Appending
/// to the newest version writes into the shared buffer (amortized constant time, the head is never copied); an older version keeps
/// seeing only its own items. Head and appended items are joined into one array only when <see cref="All"/> is read, once per
/// version.
/// </summary>
/// <remarks>
/// Safe to share between threads: a version's items never change, and two versions appended to at once write to different
/// buffers (the buffer's next free place is claimed atomically).
/// </remarks>
/// <typeparam name="T">The items.</typeparam>
internal sealed class GrowingArray<T>
{
    private readonly ImmutableArray<T> _head;
    private readonly Tail? _tail;
    private readonly int _tailLength;

    // The items as one array; default until read (a race only builds the same array twice).
    private ImmutableArray<T> _all;

    /// <summary>A sequence of <paramref name="items"/> (none when default).</summary>
    public GrowingArray(ImmutableArray<T> items)
    {
        _head = items.IsDefault ? [] : items;
        _all = _head;
    }

    private GrowingArray(ImmutableArray<T> head, Tail tail, int tailLength)
    {
        _head = head;
        _tail = tail;
        _tailLength = tailLength;
    }

    /// <summary>How many items.</summary>
    public int Length => _head.Length + _tailLength;

    /// <summary>The items as one array, joined on the first read.</summary>
    public ImmutableArray<T> All
    {
        get
        {
            var all = _all;
            if (all.IsDefault)
            {
                var joined = new T[Length];
                _head.AsSpan().CopyTo(joined);
                Added.CopyTo(joined.AsSpan(_head.Length));
                _all = all = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(joined);
            }

            return all;
        }
    }

    /// <summary>The item at <paramref name="index"/>.</summary>
    public T this[int index] =>
        (uint)index < (uint)_head.Length ? _head[index]
        : (uint)(index - _head.Length) < (uint)_tailLength ? _tail!.Items[index - _head.Length]
        : throw new ArgumentOutOfRangeException(nameof(index));

    // The items appended after the head.
    private ReadOnlySpan<T> Added => _tail is null ? [] : _tail.Items.AsSpan(0, _tailLength);

    /// <summary>This sequence followed by <paramref name="items"/>; this one itself when there are none.</summary>
    public GrowingArray<T> Add(ReadOnlySpan<T> items)
    {
        if (items.IsEmpty)
        {
            return this;
        }

        var all = _all;
        if (!all.IsDefault)
        {
            // Joined already (or never grown): the joined array is the new head, so no older buffer is held.
            var start = Tail.Start(items);
            return new GrowingArray<T>(all, start, items.Length);
        }

        var tail = _tail!.Append(_tailLength, items);
        return new GrowingArray<T>(_head, tail, _tailLength + items.Length);
    }

    /// <summary>This sequence followed by <paramref name="items"/>; this one itself when there are none.</summary>
    public GrowingArray<T> Add(IEnumerable<T> items) =>
        items is T[] array ? Add(array.AsSpan())
        : items is List<T> list ? Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list))
        : Add([.. items]);

    /// <summary>Adds the items from <paramref name="from"/> on, in order, to <paramref name="into"/>.</summary>
    public void CopyFrom(int from, List<T> into)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        for (var i = from; i < _head.Length; i++)
        {
            into.Add(_head[i]);
        }

        into.AddRange(Added[Math.Max(0, from - _head.Length)..]);
    }

    /// <summary>A buffer of appended items: a version sees its first items; the next free place is claimed by one appender at a time.</summary>
    private sealed class Tail
    {
        private int _used;

        private Tail(int capacity) => Items = new T[capacity];

        public T[] Items { get; }

        public static Tail Start(ReadOnlySpan<T> items)
        {
            var tail = new Tail(Math.Max(16, items.Length * 2));
            items.CopyTo(tail.Items);
            tail._used = items.Length;
            return tail;
        }

        /// <summary>
        /// The buffer holding the first <paramref name="length"/> items of this one followed by <paramref name="items"/>: this one
        /// when the version of that length is the newest and there is room, otherwise a copy twice as large.
        /// </summary>
        public Tail Append(int length, ReadOnlySpan<T> items)
        {
            var end = length + items.Length;
            if (end <= Items.Length && Interlocked.CompareExchange(ref _used, end, length) == length)
            {
                items.CopyTo(Items.AsSpan(length));
                return this;
            }

            var grown = new Tail(Math.Max(16, end * 2));
            Items.AsSpan(0, length).CopyTo(grown.Items);
            items.CopyTo(grown.Items.AsSpan(length));
            grown._used = end;
            return grown;
        }
    }
}
