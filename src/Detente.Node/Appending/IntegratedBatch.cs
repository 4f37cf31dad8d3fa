using Detente.Record.Notes;

namespace Detente.Node.Appending;

/// <summary>
/// What the <see cref="Appender"/> tells its followers after each integration: the entries that entered the tree, in log order.
/// Batches arrive in log order with no gap: a batch's <see cref="FirstIndex"/> is the previous batch's <see cref="Size"/>.
/// </summary>
/// <param name="FirstIndex">The log index of the first entry.</param>
/// <param name="Count">How many entries were integrated (<c>Entries.Count</c>).</param>
/// <param name="Size">The tree size afterwards (<c>FirstIndex + Count</c>).</param>
/// <param name="Entries">The signed statement entries, entry <c>i</c> at log index <c>FirstIndex + i</c> (the bytes as stored).</param>
/// <param name="Checkpoint">The checkpoint signed over the tree of <see cref="Size"/>; null when the appender holds no log key.</param>
public sealed record IntegratedBatch(long FirstIndex, int Count, long Size, IReadOnlyList<byte[]> Entries, SignedNote? Checkpoint);
