using System.Text;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Record.Tests;

/// <summary>Small factory for test data: demo keys, a record state, signed statements.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    public static readonly PartyId Pol = new("POL");
    public static readonly PartyId Rus = new("RUS");

    public static SigningKey StatementKey(PartyId party, int generation = 1) => SigningKey.Demo($"{party.Code.ToLowerInvariant()}.detente.test/statements/{generation}");

    public static SigningKey LogKey() => SigningKey.Demo("log.detente.test");

    public static SigningKey WitnessKey(int n = 1) => SigningKey.Demo($"witness{n}.detente.test");

    public static RecordState State(params SigningKey[] polAndRusKeys)
    {
        var state = RecordState.Empty;
        foreach (var key in polAndRusKeys)
        {
            var party = key.Name.StartsWith("pol", StringComparison.Ordinal) ? Pol : Rus;
            state = state.WithPartyKey(party, key.NoteKey);
        }

        return state;
    }

    public static SignedStatement Signed(
        SigningKey key, PartyId author, long sequence, StatementKind kind = StatementKind.Position,
        string body = """{"issue":"ukr-nato-membership","stance":"red-line"}""", DateTimeOffset? time = null) =>
        SignedStatement.Sign(new Statement(kind, author, key.NoteKey.Reference, sequence, time ?? Now, body), key);

    public static byte[] Entry(int i) => Encoding.UTF8.GetBytes($$"""{"n":{{i}}}""");
}
