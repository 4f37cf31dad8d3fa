using System.Globalization;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;

// Usage: Detente.Storage.Writer CONNECTION ORIGIN PARTY COUNT [SEED]
// Appends COUNT statements (0: until killed) by PARTY, in batches of 1-4, integrating and checkpointing now and then. After each
// durable append it prints "ack <seq>": the parent may kill it at any moment and then checks that every acknowledged statement is there.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Detente.Storage.Writer CONNECTION ORIGIN PARTY COUNT [SEED]");
    return 2;
}

var connection = args[0];
var origin = args[1];
var party = new PartyId(args[2]);
var count = long.Parse(args[3], CultureInfo.InvariantCulture);
var random = new Random(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : Environment.ProcessId);
using var key = SigningKey.Demo($"writer.detente.test/{party.Code}");
using var logKey = SigningKey.Demo(origin);
using var store = RecordStores.Open(connection, origin);
Console.Out.WriteLine("ready");
Console.Out.Flush();
var written = 0L;
for (var round = 0; count == 0 || written < count; round++)
{
    var first = store.State.NextSequence(party);
    var n = (int)Math.Min(random.Next(1, 5), count == 0 ? int.MaxValue : count - written);
    var now = DateTimeOffset.UtcNow;
    var entries = Enumerable.Range(0, n).Select(i => SignedStatement.Sign(
        new Statement(StatementKind.Position, party, key.NoteKey.Reference, first + i, now, $$"""{"n":{{first + i}},"pad":"{{new string('x', random.Next(0, 200))}}"}"""),
        key).Entry.ToArray()).ToList();
    if (n > 1 && random.Next(2) == 0)
    {
        // The pipelined path: each batch is acknowledged by the callback right after its own commit.
        var acked = first - 1;
        var checks = store.AppendBatches(entries.Chunk((n + 1) / 2), now, batch =>
        {
            if (batch.All(c => c.IsAccepted))
            {
                acked += batch.Count;
                Console.Out.WriteLine("ack " + acked.ToString(CultureInfo.InvariantCulture));
                Console.Out.Flush();
            }
        });
        if (checks.Any(c => !c.IsAccepted))
        {
            Console.Error.WriteLine("rejected: " + checks.First(c => !c.IsAccepted));
            return 1;
        }
    }
    else
    {
        var checks = store.AppendBatch(entries, now);
        if (checks.Any(c => !c.IsAccepted))
        {
            Console.Error.WriteLine("rejected: " + checks.First(c => !c.IsAccepted));
            return 1;
        }

        Console.Out.WriteLine("ack " + (first + n - 1).ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
    }

    written += n;
    if (random.Next(3) == 0)
    {
        store.Integrate(random.Next(1, 64));
    }

    if (random.Next(10) == 0)
    {
        store.Checkpoint(logKey);
    }
}

return 0;

