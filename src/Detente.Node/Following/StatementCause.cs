using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Node.Following;

/// <summary>The integrated statement a finding change is due to: its index in the log, its author and its kind.</summary>
/// <param name="Index">The statement's log index.</param>
/// <param name="Author">The party that signed it.</param>
/// <param name="Kind">Its statement kind.</param>
public readonly record struct StatementCause(long Index, PartyId Author, StatementKind Kind)
{
    /// <summary>"entry 578, POL deployment-declaration".</summary>
    public override string ToString() => $"entry {Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {Author} {Kind.WireName()}";

    /// <summary>The cause as JSON: <c>{"index": 578, "author": "POL", "kind": "deployment-declaration"}</c>.</summary>
    public JsonObject Json() => new() { ["index"] = Index, ["author"] = Author.Code, ["kind"] = Kind.WireName() };
}
