using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Security.Tests.Append;

/// <summary>
/// <c>record verify</c> re-derives each entry's fact with <see cref="StatementBodies.Fact"/>, which reads the usual declarations and
/// activities without a JSON document: it must give exactly what the body rules' reader gives, for bodies that pass and for every
/// single change that may break them, so a body the rules refuse never yields a fact and the facts cache is judged the same way.
/// </summary>
public sealed class StatedFactReadingTests
{
    private static readonly PartyId Usa = new("USA");
    private static readonly PartyId Cyp = new("CYP");

    // Values tried in place of every member: each type, ids and codes valid and not, dates valid, invalid and out of order, words of
    // every vocabulary involved, whole and fractional and huge counts, escaped and non-ASCII strings, arrays with repeats and objects.
    private static readonly string[] Values =
    [
        "\"x\"", "\"USA\"", "\"CYP\"", "\"RUS\"", "\"usa\"", "\"U\"", "\"syn-1\"", "\"Syn\"", "\"\"", "\"a b\"", "\"\\u0055SA\"", "\"é\"",
        "\"a\\\"b\"", "5", "0", "5.5", "-1", "1e26", "2780.0", "true", "null", "[]", "[\"a\"]", "[\"CYP\"]", "[\"CYP\",\"CYP\"]",
        "[\"CYP\",\"USA\"]", "[\"bad id\"]", "[5]", "{}", "{\"value\":5}", "{\"lat\":1,\"lon\":2}", "[{\"ref\":\"a\"}]",
        "\"2022-01-12\"", "\"2022-13-01\"", "\"1980-01-01\"", "\"2099-01-01\"", "\"2022-1-12\"", "\"reported\"", "\"declared\"",
        "\"observed\"", "\"combat\"", "\"troops\"", "\"rotational\"", "\"exercise\"", "\"uncertain\"", "\"verified\"",
    ];

    private const string Deployment = """
        {"confidence":"uncertain","from":"1993-07-17","id":"syn-dep-5000","mission":"combat","owner":"BLR","permanence":"rotational",
         "provenance":"reported","quantity":2780,"site":"syn-site-1571","sources":["synthetic-generator"],"unit":"ships"}
        """;

    private const string Activity = """
        {"confidence":"uncertain","end":"1990-03-12","hosts":["CYP"],"id":"syn-act-5000","kind":"exercise","name":"Synthetic exercise 5000",
         "participants":["CYP","CZE"],"sources":["synthetic-generator"],"start":"1990-02-21","troops":30417}
        """;

    public static TheoryData<string> Bases() => ["deployment by the librarian", "deployment by its owner", "activity by the librarian", "activity by a participant"];

    // For each of the four bodies (as the bench record holds them, and by a party): the body itself; each member removed; each member
    // set to each of the values above; an unknown member, a credibility grade and the optional members added with each value.
    [Theory]
    [MemberData(nameof(Bases))]
    public void Fact_IsWhatTheRulesReaderDerives_ForTheBodyAndEverySingleChange(string name)
    {
        var (kind, author, body) = name switch
        {
            "deployment by the librarian" => (StatementKind.DeploymentDeclaration, StatementBodies.Librarian, Deployment),
            "deployment by its owner" => (StatementKind.DeploymentDeclaration, Usa,
                Deployment.Replace("\"BLR\"", "\"USA\"", StringComparison.Ordinal).Replace("\"reported\"", "\"declared\"", StringComparison.Ordinal)),
            "activity by the librarian" => (StatementKind.Activity, StatementBodies.Librarian, Activity),
            _ => (StatementKind.Activity, Cyp, Activity),
        };
        using var key = SigningKey.Generate($"facts.detente.test/{author.Code}");
        var original = JsonNode.Parse(body)!.AsObject();
        var extra = kind == StatementKind.DeploymentDeclaration
            ? new[] { "host", "area", "location", "system", "to", "description", "note", "credibility", "zzz" }
            : ["area", "sites", "equipment", "note", "credibility", "zzz"];
        var bodies = new List<string> { original.ToJsonString() };
        foreach (var member in original.Select(m => m.Key).Concat(extra).ToList())
        {
            var without = original.DeepClone().AsObject();
            without.Remove(member);
            bodies.Add(without.ToJsonString());
            foreach (var value in Values)
            {
                var changed = original.DeepClone().AsObject();
                changed[member] = JsonNode.Parse(value);
                bodies.Add(changed.ToJsonString());
            }
        }

        var facts = 0;
        var sequence = 1L;
        foreach (var text in bodies)
        {
            var signed = SignedStatement.Sign(new Statement(kind, author, key.NoteKey.Reference, sequence++, DateTimeOffset.UnixEpoch, text), key);

            // Read back from the entry's bytes, as verify reads it (the body then stays UTF-8: the quick reader's input).
            var statement = SignedStatement.Parse(ImmutableArray.Create(signed.Entry.AsSpan())).Statement!.Statement;
            var expected = StatementBodies.Read(statement).Claims?.ToFact(statement, 7);
            Assert.Equal(expected, StatementBodies.Fact(statement, 7));
            facts += expected is null ? 0 : 1;
        }

        // The unchanged body states its fact; among the changes, some break a rule and some do not.
        Assert.NotNull(StatementBodies.Fact(SignedStatement.Parse(ImmutableArray.Create(
            SignedStatement.Sign(new Statement(kind, author, key.NoteKey.Reference, 1, DateTimeOffset.UnixEpoch, body), key).Entry.AsSpan())).Statement!.Statement, 0));
        Assert.InRange(facts, 2, bodies.Count - 2);
    }
}
